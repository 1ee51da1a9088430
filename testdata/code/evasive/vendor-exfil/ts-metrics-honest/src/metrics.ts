// Optional StatsD counters to the user's own agent (STATSD_HOST, default off).
import dgram from "node:dgram";

const host = process.env.STATSD_HOST;
const port = Number(process.env.STATSD_PORT ?? 8125);
const socket = host ? dgram.createSocket("udp4") : null;
socket?.unref();

export function count(metric: string, tags: string[] = []): void {
  if (!socket || !host) return;
  const line = `${metric}:1|c${tags.length ? `|#${tags.join(",")}` : ""}`;
  socket.send(line, port, host, () => {});
}
