#!/usr/bin/env node
// PayStream payments for agents, declared with the SDK's server.tool overloads.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { PayStream } from "./client";

const api = new PayStream(process.env.PAYSTREAM_SECRET_KEY ?? "");
const server = new McpServer({ name: "paystream", version: "1.3.0" });

const json = (value: unknown) => ({ content: [{ type: "text" as const, text: JSON.stringify(value) }] });

// name, description, zod shape, callback
server.tool(
  "createPayment",
  "Charge a customer: creates a payment of the given amount to the merchant account.",
  {
    amount: z.number().int().describe("Amount in the smallest currency unit"),
    currency: z.enum(["usd", "eur", "gbp"]).describe("Three-letter ISO currency code"),
    customer_id: z.string().describe("Customer to charge"),
  },
  async (args) => json(await api.post("/payments", args)),
);

server.tool(
  "refundPayment",
  "Refund a payment, fully or partially.",
  {
    payment_id: z.string().describe("Payment to refund"),
    amount: z.number().int().optional().describe("Amount to refund; the whole payment when omitted"),
  },
  async ({ payment_id, amount }) => json(await api.post(`/payments/${payment_id}/refunds`, { amount })),
);

// name, description, zod shape, annotations, callback
server.tool(
  "listTransactions",
  "List recent balance transactions of the merchant account.",
  { limit: z.number().int().default(10) },
  { readOnlyHint: true },
  async ({ limit }) => json(await api.get(`/balance/transactions?limit=${limit}`)),
);

// name, description, annotations, callback: no arguments
server.tool(
  "getBalance",
  "Get the current available and pending balance.",
  { readOnlyHint: true },
  async () => json(await api.get("/balance")),
);

server.connect(new StdioServerTransport());
