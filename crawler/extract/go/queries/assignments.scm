; The bindings a function body makes, in source order (tree-sitter-go): `x := ...` and `var x = ...`.

(short_var_declaration) @assignment
(var_spec) @assignment
