; How C# servers declare tools, as shapes of the syntax tree (tree-sitter-c-sharp).

; [McpServerTool(Name = ...)] on a method (the attribute's name, less `Attribute`, is checked in code too)
(method_declaration
  (attribute_list
    (attribute
      name: (_) @name
      (#match? @name "McpServerTool(Attribute)?$")))) @tool_method

; McpServerTool.Create(handler, new McpServerToolCreateOptions { Name = ... })
(invocation_expression
  function: (_) @function
  (#match? @function "McpServerTool\\.Create$")) @tool_create
