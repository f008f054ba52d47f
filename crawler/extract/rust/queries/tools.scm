; How Rust servers declare tools, as shapes of the syntax tree (tree-sitter-rust).
; rmcp: #[tool(...)] on a method of a #[tool_router] impl (or mcp-core's free #[tool] function);
; rust-mcp-sdk: #[mcp_tool(...)] on the struct that is the tool. The item the attribute stands before is found in
; code (rust/syntax.py), past any further attributes and comments.
(attribute_item
  (attribute
    .
    (_) @path
    (#match? @path "(^|::)(tool|mcp_tool)$"))) @tool_attribute
