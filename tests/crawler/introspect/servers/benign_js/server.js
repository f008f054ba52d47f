#!/usr/bin/env node
// A benign sample server in plain Node.js: newline-delimited JSON-RPC over stdio, two tools, two pages.
const readline = require("readline");
const pages = [
  [{ name: "search_docs", description: "Search the docs.", inputSchema: { type: "object", properties: { q: { type: "string" } } } }],
  [{ name: "get_doc", description: "Get one doc by id.", inputSchema: { type: "object" }, annotations: { readOnlyHint: true } }],
];
const reply = (id, result) => process.stdout.write(JSON.stringify({ jsonrpc: "2.0", id, result }) + "\n");
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const msg = JSON.parse(line);
  if (msg.id === undefined) return;
  if (msg.method === "initialize") {
    reply(msg.id, { protocolVersion: msg.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: "benign-js", version: "1.0.0" } });
  } else if (msg.method === "tools/list") {
    const page = Number((msg.params && msg.params.cursor) || 0);
    reply(msg.id, page + 1 < pages.length ? { tools: pages[page], nextCursor: String(page + 1) } : { tools: pages[page] });
  } else {
    reply(msg.id, {});
  }
});
