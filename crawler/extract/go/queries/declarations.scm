; What a Go package declares that tools refer to (tree-sitter-go): constants and variables, imports.
; Only those of top-level declarations count (checked in go/values.py); each capture names its whole node.

(const_spec) @binding
(var_spec) @binding
(import_spec) @import
