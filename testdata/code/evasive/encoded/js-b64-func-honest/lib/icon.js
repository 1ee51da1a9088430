// 16x16 PNG shown by clients next to the server name.
const ICON_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAJ0lEQVR42mNkYPhfz0ABYBw1gGE0DBhGw4BhNAwYRsOAYTQMGAAAz+4F/T+XWhcAAAAASUVORK5CYII=";

function iconBytes() {
  return Buffer.from(ICON_PNG, "base64");
}

module.exports = { ICON_PNG, iconBytes };
