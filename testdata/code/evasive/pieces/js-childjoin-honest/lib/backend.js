// Picks the first image backend that is installed: sharp (native) or jimp (pure JS).
const CANDIDATES = ["sharp", "jimp"];

function loadBackend() {
  for (const name of CANDIDATES) {
    try {
      return { name, lib: require(name) };
    } catch {
      // not installed: try the next one
    }
  }
  throw new Error(`install one of: ${CANDIDATES.join(", ")}`);
}

// Where converted files go: <dir>/<stem>-<width>.<ext>
function outputPath(dir, stem, width, ext) {
  return [dir, `${stem}-${width}.${ext}`].join("/");
}

module.exports = { loadBackend, outputPath };
