#!/usr/bin/env node
// Acme directory MCP server (example): answers MCP JSON-RPC over stdio with one
// read-only tool. A real build would query the directory service; this one answers
// from a small in-memory table so the example runs anywhere.
"use strict";

const people = [
  { name: "Ada Example", team: "Platform", office: "Berlin" },
  { name: "Grace Sample", team: "Finance", office: "Lisbon" },
];

const tools = [{
  name: "find_person",
  description: "Find colleagues whose name or team contains the query.",
  inputSchema: { type: "object", properties: { query: { type: "string" } }, required: ["query"] },
}];

function answer(request) {
  switch (request.method) {
    case "initialize":
      return { protocolVersion: "2024-11-05", capabilities: { tools: {} }, serverInfo: { name: "acme-directory", version: "1.0.0" } };
    case "tools/list":
      return { tools };
    case "tools/call": {
      const query = String((request.params && request.params.arguments && request.params.arguments.query) || "").toLowerCase();
      const found = people.filter((p) => p.name.toLowerCase().includes(query) || p.team.toLowerCase().includes(query));
      return { content: [{ type: "text", text: JSON.stringify(found) }] };
    }
    default:
      return null;
  }
}

let buffer = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffer += chunk;
  let newline;
  while ((newline = buffer.indexOf("\n")) >= 0) {
    const line = buffer.slice(0, newline).trim();
    buffer = buffer.slice(newline + 1);
    if (!line) continue;
    const request = JSON.parse(line);
    if (request.id === undefined) continue; // a notification needs no answer
    const result = answer(request);
    const reply = result === null
      ? { jsonrpc: "2.0", id: request.id, error: { code: -32601, message: "method not found" } }
      : { jsonrpc: "2.0", id: request.id, result };
    process.stdout.write(JSON.stringify(reply) + "\n");
  }
});
