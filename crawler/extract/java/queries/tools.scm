; How Java servers declare tools, as shapes of the syntax tree (tree-sitter-java).

; Spring AI @McpTool / @Tool, Quarkus @Tool on a method (the annotation's last dotted part is checked in code too)
(method_declaration
  (modifiers
    [(annotation name: (_) @name) (marker_annotation name: (_) @name)]
    (#match? @name "(^|\\.)(Tool|McpTool)$"))) @tool_method

; MCP Java SDK: McpSchema.Tool.builder()....build() (the chain is read in code from the build() call back)
(method_invocation
  name: (identifier) @name
  (#eq? @name "build")) @tool_builder

; MCP Java SDK: new McpSchema.Tool(name, description, schema)
(object_creation_expression
  type: (_) @type
  (#match? @type "Tool$")) @tool_constructor
