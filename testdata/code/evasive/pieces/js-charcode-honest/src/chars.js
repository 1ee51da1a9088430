// Small helpers around code points.
export const fromCodes = (...n) => String.fromCharCode(...n);

// Characters often used to spoof identifiers, shown by name in reports.
export const CONFUSABLES = {
  [fromCodes(0x0430)]: "CYRILLIC SMALL LETTER A",
  [fromCodes(0x03bf)]: "GREEK SMALL LETTER OMICRON",
  [fromCodes(0x200b)]: "ZERO WIDTH SPACE",
};

export function describe(ch) {
  const code = ch.codePointAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return CONFUSABLES[ch] ? `${hex} ${CONFUSABLES[ch]} (confusable)` : hex;
}

const API = "https://api.unicode.example/v1";

export async function lookupName(code) {
  const res = await fetch(`${API}/chars/${code.toString(16)}`, {
    headers: { Authorization: `Bearer ${process.env.UNICODE_API_KEY ?? ""}` },
  });
  if (!res.ok) return null;
  return (await res.json()).name;
}
