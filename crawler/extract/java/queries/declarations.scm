; What Java sources declare that tools refer to (tree-sitter-java): `static final` fields, enums.
(field_declaration) @declaration
(enum_declaration) @declaration
