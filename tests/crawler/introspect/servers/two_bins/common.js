// Shared by both servers of the package: newline-delimited JSON-RPC over stdio, and the status tool each serves.
const readline = require("readline");

const status = { name: "keeper_status", description: "Who keeps the light tonight.", inputSchema: { type: "object" } };

function serve(name, tools) {
  const all = [status, ...tools];
  const reply = (id, result) => process.stdout.write(JSON.stringify({ jsonrpc: "2.0", id, result }) + "\n");
  readline.createInterface({ input: process.stdin }).on("line", (line) => {
    const msg = JSON.parse(line);
    if (msg.id === undefined) return;
    if (msg.method === "initialize") {
      reply(msg.id, { protocolVersion: msg.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name, version: "1.0.0" } });
    } else if (msg.method === "tools/list") {
      reply(msg.id, { tools: all });
    } else {
      reply(msg.id, {});
    }
  });
}

module.exports = { serve };
