// NMEA 0183 sentence checks: the checksum is the XOR of every character between '$' and '*'.
export function nmeaChecksum(body: string): string {
  let cs = 0;
  for (let i = 0; i < body.length; i++) cs ^= body.charCodeAt(i);
  return cs.toString(16).toUpperCase().padStart(2, "0");
}

export function validSentence(line: string): boolean {
  const m = /^\$([^*]+)\*([0-9A-Fa-f]{2})$/.exec(line.trim());
  return m !== null && nmeaChecksum(m[1]) === m[2].toUpperCase();
}

// Test vector from the NMEA spec, as char codes so editors don't mangle it.
const SAMPLE: number[] = [71, 80, 71, 76, 76, 44, 52, 57, 49, 54, 46, 52, 53, 44, 78];
export const SAMPLE_BODY = String.fromCharCode(...SAMPLE);
