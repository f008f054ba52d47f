; Where a file may declare a tool: patterns.tools reads these nodes (and only these) in source order, each as its
; own pattern module says; a file with none is not read at all.

; SDK registrations: `server.registerTool(...)`, `registerToolTask`, `server.tool(...)`, fastmcp's `addTool(...)`
(call_expression
  function: (member_expression
    property: (_) @_method (#any-of? @_method "registerTool" "registerToolTask" "tool" "addTool"))) @node

; loops over a list written in the source: `LIST.forEach(fn)`, `.map(fn)`, `.flatMap(fn)`, `for (x of LIST)`
(call_expression
  function: (member_expression property: (_) @_method (#any-of? @_method "forEach" "map" "flatMap"))) @node
(for_in_statement) @node

; a framework's factory named for tools: `mcp.defineTool(...)`, and tsc's `(0, lib_1.tool)(...)`
(call_expression
  function: (member_expression property: (property_identifier) @_method (#match? @_method "[Tt][Oo][Oo][Ll]"))) @node
(call_expression function: (parenthesized_expression)) @node

; a call of a plain name: a registration helper of the package, or a factory `tool("name", {...})`
(call_expression function: (identifier)) @node

; tool-shaped objects: `{name, description, inputSchema}`, wherever they stand
(object (pair key: (_) @_key (#match? @_key "^['\"]*name['\"]*$"))) @node
(object (shorthand_property_identifier) @_key (#eq? @_key "name")) @node
(object (method_definition name: (_) @_key (#eq? @_key "name"))) @node

; tool classes: `class CreateIssue extends ToolBase { static toolName = "..."; ... }`
(class_declaration) @node
(class) @node

; the predicate of a `.filter(...)` over a list: patterns.filters reads its negated tests (`t => !t.skillOnly`)
(call_expression
  function: (member_expression property: (property_identifier) @_filter (#eq? @_filter "filter"))
  arguments: (arguments . (arrow_function) @predicate))
;; ts-only
(abstract_class_declaration) @node
