"""Values of JavaScript and TypeScript expressions, read without running code: ``module.Module`` evaluates one
file; the other modules are the helpers it hands expressions to (enums, operators, zod, inline calls, parameters,
`dedent` templates), each given the evaluator through ``syntax.Evaluator``."""
