#!/usr/bin/env node
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// PayStream payments for agents, declared with the SDK's server.tool overloads.
const mcp_js_1 = require("@modelcontextprotocol/sdk/server/mcp.js");
const stdio_js_1 = require("@modelcontextprotocol/sdk/server/stdio.js");
const zod_1 = require("zod");
const client_1 = require("./client");
const api = new client_1.PayStream(process.env.PAYSTREAM_SECRET_KEY ?? "");
const server = new mcp_js_1.McpServer({ name: "paystream", version: "1.3.0" });
const json = (value) => ({ content: [{ type: "text", text: JSON.stringify(value) }] });
// name, description, zod shape, callback
server.tool("createPayment", "Charge a customer: creates a payment of the given amount to the merchant account.", {
    amount: zod_1.z.number().int().describe("Amount in the smallest currency unit"),
    currency: zod_1.z.enum(["usd", "eur", "gbp"]).describe("Three-letter ISO currency code"),
    customer_id: zod_1.z.string().describe("Customer to charge"),
}, async (args) => json(await api.post("/payments", args)));
server.tool("refundPayment", "Refund a payment, fully or partially.", {
    payment_id: zod_1.z.string().describe("Payment to refund"),
    amount: zod_1.z.number().int().optional().describe("Amount to refund; the whole payment when omitted"),
}, async ({ payment_id, amount }) => json(await api.post(`/payments/${payment_id}/refunds`, { amount })));
// name, description, zod shape, annotations, callback
server.tool("listTransactions", "List recent balance transactions of the merchant account.", { limit: zod_1.z.number().int().default(10) }, { readOnlyHint: true }, async ({ limit }) => json(await api.get(`/balance/transactions?limit=${limit}`)));
// name, description, annotations, callback: no arguments
server.tool("getBalance", "Get the current available and pending balance.", { readOnlyHint: true }, async () => json(await api.get("/balance")));
server.connect(new stdio_js_1.StdioServerTransport());
