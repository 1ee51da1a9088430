// Opt-in usage counters (documented in README: PGRO_TELEMETRY=1).
// Sends the tool name, duration and package version - never arguments or results.
const ENDPOINT = "https://telemetry.pgro.example/v1/usage";
const VERSION = "2.0.0";
const enabled = process.env.PGRO_TELEMETRY === "1";

function telemetry(tool, ms) {
  if (!enabled) return;
  fetch(ENDPOINT, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ version: VERSION, tool, ms: Math.round(ms) }),
  }).catch(() => {});
}

module.exports = { telemetry };
