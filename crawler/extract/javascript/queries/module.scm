; What values.module.Module reads of a file, in one pass: its top-level names and the local modules it imports.
; Whatever lies inside a function declaration, an arrow function or a method is not the module's: those three are
; captured too, and the module skips what they hold.

; `const NAME = value` (and `var`, `let`); `const x = require("./x")`
(variable_declarator name: (identifier) value: (_)) @module

; `exports.NAME = value`, `module.exports.NAME = value` (tsc's CommonJS output)
(assignment_expression
  left: (member_expression object: (_) @_object (#any-of? @_object "exports" "module.exports"))
  right: (_)) @module

; `module.exports = {...}`: what `require("./x")` gives (a CommonJS module's one value)
(assignment_expression
  left: (member_expression
    object: (identifier) @_module (#eq? @_module "module")
    property: (property_identifier) @_exports (#eq? @_exports "exports"))
  right: (_)) @module

; `export default [...]`: what `import x from "./x"` gives
(export_statement value: (_)) @module

; `import {a, b as c} from "./x"`, `import x from "./x"`, `import * as ns from "./x"`
(import_statement source: (_)) @module

; an enum as a compiler emits it: `(function (E) { E["A"] = "a"; })(E || (E = {}));` (a function called at once:
; not every statement that is a call, `server.tool(...)`, `app.use(...)`, which values.enums would read in vain)
(expression_statement . (call_expression
  function: [(parenthesized_expression) (function_expression) (arrow_function)])) @module

; functions: declared ones are the module's; every function's body is not
(function_declaration) @module
(arrow_function) @module
(method_definition) @module
; calls of a plain name: values.params reads, for each local function, the arguments each call passes
(call_expression function: (identifier)) @call
;; ts-only
(enum_declaration name: (_)) @module
