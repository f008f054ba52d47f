; Where a file may declare a tool: patterns.tools reads these nodes (and only these) in source order, each as its
; pattern module says (sdk, factories, wrappers, classes, loops); a file with none is not read at all. The query
; only narrows what is read: each module still checks the node is what it reads.

; a method call whose name says it may declare tools, or loop over a list:
; SDK registrations `server.registerTool(...)`, `registerToolTask`, `server.tool(...)`, fastmcp's `addTool(...)`;
; factories named for tools `mcp.defineTool(...)`; loops `LIST.forEach(fn)`, `.map(fn)`, `.flatMap(fn)`
(call_expression
  function: (member_expression
    property: (_) @_method
    (#match? @_method "^(registerTool|registerToolTask|addTool|forEach|map|flatMap)$|[Tt][Oo][Oo][Ll]"))) @tool

; Effect's toolkit: `Tool.make("name", {...})`, `AiTool.make`, a bundle's `AiTool_exports.make` (patterns.effect)
;; prefilter: (#match? "Tool")
(call_expression
  function: (member_expression
    object: (_) @_toolkit
    property: (property_identifier) @_make
    (#eq? @_make "make")
    (#match? @_toolkit "(^|\\.)(Ai)?Tool(_exports)?$"))) @tool

; `for (const x of LIST)`: a loop over a list written in the source
;; prefilter: inert
(for_in_statement) @tool

; a call of a plain name: a registration helper of the package, or a factory `tool("name", {...})`; and tsc's
; `(0, lib_1.tool)(...)` for an imported one
;; prefilter: (#match? "[Tt][Oo][Oo][Ll]|['\"]\\.")
(call_expression function: (identifier)) @tool
;; prefilter: (#match? "[Tt][Oo][Oo][Ll]|['\"]\\.")
(call_expression function: (parenthesized_expression)) @tool

; tool-shaped objects, `{name, description, inputSchema}` wherever they stand: an object with a `name` key
(object (pair key: (property_identifier) @_key (#eq? @_key "name"))) @tool
(object (pair key: (string) @_key (#match? @_key "^['\"]*name['\"]*$"))) @tool
(object (shorthand_property_identifier) @_key (#eq? @_key "name")) @tool
(object (method_definition name: (_) @_key (#eq? @_key "name"))) @tool

; tool classes: `class CreateIssue extends ToolBase { static toolName = "..."; ... }`
;; prefilter: (#match? "name|[Tt][Oo][Oo][Ll]")
(class_declaration) @tool
;; prefilter: (#match? "name|[Tt][Oo][Oo][Ll]")
(class) @tool

; the predicate of a `.filter(...)` over a list: patterns.filters reads its negated tests (`t => !t.skillOnly`)
(call_expression
  function: (member_expression property: (property_identifier) @_filter (#eq? @_filter "filter"))
  arguments: (arguments . (arrow_function) @predicate))
;; ts-only
;; prefilter: (#match? "name|[Tt][Oo][Oo][Ll]")
(abstract_class_declaration) @tool
