#!/usr/bin/env node
// The lamps server: the lamp and its lens.
const { serve } = require("./common");

serve("lighthouse-lamps", [
  { name: "light_lamp", description: "Light the great lamp.", inputSchema: { type: "object" } },
  { name: "turn_lens", description: "Turn the lens by some degrees.", inputSchema: { type: "object", properties: { degrees: { type: "number" } } } },
  { name: "trim_wick", description: "Trim the lamp's wick.", inputSchema: { type: "object" } },
]);
