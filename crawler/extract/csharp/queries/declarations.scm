; What C# sources declare that tools refer to (tree-sitter-c-sharp): `const` fields, enums.
(field_declaration) @declaration
(enum_declaration) @declaration
