; How Go servers declare tools, as shapes of the syntax tree (tree-sitter-go).
; Each pattern names its whole node with one of the captures the Go extractor reads (go/syntax.py):
; @new_tool, @add_tool, @tool_literal, @slice_tool.

; mcp-go: mcp.NewTool("name", mcp.WithDescription(...), ...), NewToolWithRawSchema("name", "text", schema)
(call_expression
  function: [
    (identifier) @callee
    (selector_expression field: (field_identifier) @callee)
    (index_expression operand: [
      (identifier) @callee
      (selector_expression field: (field_identifier) @callee)])
  ]
  (#any-of? @callee "NewTool" "NewToolWithRawSchema")) @new_tool

; go-sdk: mcp.AddTool(server, tool, handler): the handler whose typed arguments give the tool's schema
(call_expression
  function: [
    (identifier) @callee
    (selector_expression field: (field_identifier) @callee)
    (index_expression operand: [
      (identifier) @callee
      (selector_expression field: (field_identifier) @callee)])
  ]
  (#eq? @callee "AddTool")) @add_tool

; go-sdk: &mcp.Tool{Name: ..., Description: ...} (any type whose last dotted part is Tool)
(composite_literal
  type: (_) @type
  (#match? @type "(^|\\.)Tool$")) @tool_literal

; go-sdk: []*mcp.Tool{{Name: ...}, ...}: an element written without its type (the element type is checked in code)
(composite_literal
  type: (slice_type element: (_) @element)
  body: (literal_value (literal_element (literal_value) @slice_tool)))
