#!/usr/bin/env node
// Krea MCP server: the low-level SDK Server, its tools declared as plain JSON Schema in one array.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const API = "https://api.krea.ai";
const KEY = process.env.KREA_API_KEY;

const TOOLS = [
  {
    name: "generate_image",
    description: "Generate an image using Krea AI. Returns a job_id - use get_job to check status and get the result URL.",
    inputSchema: {
      type: "object",
      properties: {
        prompt: {
          type: "string",
          description: "Text description of the image to generate",
        },
        model: {
          type: "string",
          description: "Model: flux (default), flux-pro, ideogram, imagen-4, krea-1, chatgpt-image, nano-banana, seedream",
          default: "flux",
        },
        width: {
          type: "number",
          description: "Image width in pixels",
          default: 1024,
        },
        height: {
          type: "number",
          description: "Image height in pixels",
          default: 1024,
        },
        image_url: {
          type: "string",
          description: "Optional source image URL for image-to-image generation",
        },
        style_id: {
          type: "string",
          description: "Optional style ID to apply",
        },
        negative_prompt: {
          type: "string",
          description: "What to avoid in the image",
        },
      },
      required: ["prompt"],
    },
  },
  {
    name: "generate_video",
    description: "Generate a video using Krea AI. Returns a job_id - use get_job to check status and get the result URL.",
    inputSchema: {
      type: "object",
      properties: {
        prompt: {
          type: "string",
          description: "Text description of the video to generate",
        },
        model: {
          type: "string",
          description: "Model: hailuo (default), kling, runway, pika, veo-3, wan, sora, luma",
          default: "hailuo",
        },
        image_url: {
          type: "string",
          description: "Optional image URL for image-to-video generation",
        },
        duration: {
          type: "number",
          description: "Video duration in seconds",
          default: 5,
        },
        aspect_ratio: {
          type: "string",
          description: "Aspect ratio (16:9, 9:16, 1:1)",
          default: "16:9",
        },
      },
      required: ["prompt"],
    },
  },
  {
    name: "get_job",
    description: "Get the status and results of a generation job. Returns status (scheduled, processing, completed, failed) and result URLs when completed.",
    inputSchema: {
      type: "object",
      properties: {
        job_id: {
          type: "string",
          description: "The job ID to check",
        },
      },
      required: ["job_id"],
    },
  },
  {
    name: "list_jobs",
    description: "List generation jobs with optional filtering",
    inputSchema: {
      type: "object",
      properties: {
        limit: {
          type: "number",
          description: "Max jobs to return (1-1000)",
          default: 100,
        },
        status: {
          type: "string",
          description: "Filter by status: scheduled, processing, completed, failed",
        },
        types: {
          type: "string",
          description: "Filter by type (comma-separated): flux, hailuo, kling, etc.",
        },
      },
    },
  },
  {
    name: "upload_asset",
    description: "Upload an image/video to Krea for use in generations",
    inputSchema: {
      type: "object",
      properties: {
        url: {
          type: "string",
          description: "URL of the asset to upload",
        },
        name: {
          type: "string",
          description: "Optional name for the asset",
        },
      },
      required: ["url"],
    },
  },
  {
    name: "get_asset",
    description: "Get details of an uploaded asset",
    inputSchema: {
      type: "object",
      properties: {
        asset_id: {
          type: "string",
          description: "The asset ID",
        },
      },
      required: ["asset_id"],
    },
  },
  {
    name: "list_assets",
    description: "List uploaded assets",
    inputSchema: {
      type: "object",
      properties: {
        limit: {
          type: "number",
          description: "Max assets to return (1-1000)",
          default: 100,
        },
      },
    },
  },
  {
    name: "search_styles",
    description: "Search for styles/LoRAs to use in image generation",
    inputSchema: {
      type: "object",
      properties: {
        query: {
          type: "string",
          description: "Search query",
        },
        limit: {
          type: "number",
          description: "Max results",
          default: 10,
        },
      },
      required: ["query"],
    },
  },
  {
    name: "get_style",
    description: "Get details of a specific style",
    inputSchema: {
      type: "object",
      properties: {
        style_id: {
          type: "string",
          description: "The style ID",
        },
      },
      required: ["style_id"],
    },
  },
];

async function krea(method, path, body) {
  const response = await fetch(API + path, {
    method,
    headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`Krea answered ${response.status}: ${await response.text()}`);
  return response.json();
}

function query(args, names) {
  const params = new URLSearchParams();
  for (const name of names) if (args[name] !== undefined) params.set(name, String(args[name]));
  const text = params.toString();
  return text ? `?${text}` : "";
}

const server = new Server({ name: "krea-mcp", version: "1.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args = {} } = request.params;
  let result;
  switch (name) {
    case "generate_image":
      result = await krea("POST", `/generate/image/${args.model ?? "flux"}`, args);
      break;
    case "generate_video":
      result = await krea("POST", `/generate/video/${args.model ?? "hailuo"}`, args);
      break;
    case "get_job":
      result = await krea("GET", `/jobs/${args.job_id}`);
      break;
    case "list_jobs":
      result = await krea("GET", `/jobs${query(args, ["limit", "cursor", "status", "types"])}`);
      break;
    case "upload_asset":
      result = await krea("POST", "/assets", { url: args.url, name: args.name });
      break;
    case "get_asset":
      result = await krea("GET", `/assets/${args.asset_id}`);
      break;
    case "list_assets":
      result = await krea("GET", `/assets${query(args, ["limit", "cursor"])}`);
      break;
    case "search_styles":
      result = await krea("GET", `/styles/search${query(args, ["query", "limit"])}`);
      break;
    case "get_style":
      result = await krea("GET", `/styles/${args.style_id}`);
      break;
    default:
      throw new Error(`Unknown tool: ${name}`);
  }
  return { content: [{ type: "text", text: JSON.stringify(result, null, 2) }] };
});

await server.connect(new StdioServerTransport());
