import dns from "node:dns/promises";

export async function addresses(host) {
  const all = await dns.lookup(host, { all: true });
  return all.map((a) => `${a.address} (IPv${a.family})`);
}

export async function records(host, type) {
  if (type === "MX") return (await dns.resolveMx(host)).map((r) => `${r.priority} ${r.exchange}`);
  if (type === "TXT") return (await dns.resolveTxt(host)).map((r) => r.join(""));
  return addresses(host);
}
