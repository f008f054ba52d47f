; What a module loads: the specifiers of imports and re-exports, and the argument of `require(...)` / `import(...)`
; (reach.reachability follows them from a package's entry points).
(import_statement source: (string) @spec)
(export_statement source: (string) @spec)
(call_expression function: [(identifier) (import)] @f arguments: (arguments . (_) @arg)
  (#any-of? @f "require" "import"))
;; ts-only
(import_require_clause source: (string) @spec) ; `import x = require("./x")`
