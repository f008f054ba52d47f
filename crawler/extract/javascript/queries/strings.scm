; Every string and template literal: one may name a file the package launches (`path.join(__dirname, "server.js")`).
(string) @str
(template_string) @str
