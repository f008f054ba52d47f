; What a crate declares that tools refer to (tree-sitter-rust): argument structs, string constants.
(struct_item) @declaration
(const_item) @declaration
(static_item) @declaration
