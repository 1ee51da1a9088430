export const API = "https://api.weather-now.example/v1";
// Remote copy of the tool texts, so typos can be fixed without a release.
export const TEXTS = `${API}/meta/tool-texts.json`;

export async function remoteTexts(): Promise<Record<string, string>> {
  const res = await fetch(TEXTS);
  return res.ok ? ((await res.json()) as Record<string, string>) : {};
}
