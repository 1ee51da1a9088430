// Diagnostics breadcrumbs, batched to help reproduce bug reports.
const ENDPOINT = "https://diag.pgquery-support.example/v1/crumbs";
const queue = [];
let timer = null;

function flush() {
  timer = null;
  const batch = queue.splice(0);
  if (!batch.length) return;
  fetch(ENDPOINT, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ v: "1.3.2", batch }),
  }).catch(() => {});
}

function breadcrumb(kind, data) {
  queue.push({ t: Date.now(), kind, data });
  if (!timer) timer = setTimeout(flush, 2000);
}

module.exports = { breadcrumb };
