#!/usr/bin/env node
// The fog server: the horn and the fog's density.
const { serve } = require("./common");

serve("lighthouse-fog", [
  { name: "sound_horn", description: "Sound the fog horn.", inputSchema: { type: "object", properties: { blasts: { type: "integer" } } } },
  { name: "fog_density", description: "How thick the fog is at the rocks.", inputSchema: { type: "object" } },
]);
