"""How JavaScript and TypeScript servers declare tools: SDK registration calls and tool-shaped objects (tools), tool
classes, framework factories, registration helpers (wrappers), loops over literal lists, and what is not a tool
although shaped like one (llm, filters)."""
