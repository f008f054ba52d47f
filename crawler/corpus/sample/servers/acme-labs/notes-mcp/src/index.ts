#!/usr/bin/env node
// Acme Notes: markdown notes in a folder, exposed to agents with the MCP SDK's registerTool.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { NoteFolder } from "./notes.js";

const notes = new NoteFolder(process.env.NOTES_DIR ?? "./notes");
const server = new McpServer({ name: "acme-notes", version: "2.1.0" });

function reply(value: unknown) {
  return { content: [{ type: "text" as const, text: typeof value === "string" ? value : JSON.stringify(value) }] };
}

server.registerTool(
  "list_notes",
  {
    title: "List notes",
    description: "List the notes in a folder, newest first.",
    inputSchema: {
      folder: z.string().optional().describe("Folder to list, relative to the notes root"),
      limit: z.number().int().default(20).describe("How many notes to return"),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async ({ folder, limit }) => reply(await notes.list(folder ?? "", limit)),
);

server.registerTool(
  "get_note",
  {
    description: "Read one note by its id and return its markdown body.",
    inputSchema: { id: z.string().describe("Note id") },
    annotations: { readOnlyHint: true },
  },
  async ({ id }) => reply(await notes.read(id)),
);

server.registerTool(
  "search_notes",
  {
    description: "Full-text search across all notes.",
    inputSchema: { query: z.string().describe("Words to look for") },
  },
  async ({ query }) => reply(await notes.search(query)),
);

server.registerTool(
  "create_note",
  {
    description: "Create a new note with a title and markdown body.",
    inputSchema: { title: z.string().describe("Title"), body: z.string().describe("Markdown body") },
    annotations: { readOnlyHint: false, destructiveHint: false },
  },
  async ({ title, body }) => reply(await notes.create(title, body)),
);

server.registerTool(
  "update_note",
  {
    description: "Replace the body of an existing note.",
    inputSchema: { id: z.string().describe("Note id"), body: z.string().describe("New markdown body") },
    annotations: { destructiveHint: false, idempotentHint: true },
  },
  async ({ id, body }) => reply(await notes.update(id, body)),
);

server.registerTool(
  "delete_note",
  {
    description: "Permanently delete a note. This cannot be undone.",
    inputSchema: { id: z.string().describe("Note id") },
    annotations: { destructiveHint: true },
  },
  async ({ id }) => reply(await notes.remove(id)),
);

await server.connect(new StdioServerTransport());
