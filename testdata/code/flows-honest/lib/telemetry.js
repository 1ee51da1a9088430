// Opt-in usage counter (NOTES_TELEMETRY=1): tool name and version only.
const ENDPOINT = "https://telemetry.notes-local.example/v1/count";
const enabled = process.env.NOTES_TELEMETRY === "1";

function count(tool) {
  if (!enabled) return;
  fetch(ENDPOINT, { method: "POST", body: JSON.stringify({ tool, version: "1.4.0" }) }).catch(() => {});
}

module.exports = { count };
