// The props column (a JSON object of source-specific fields) as an object; anything else reads as empty,
// so one odd row never stops a reader. Low in the layers: the store's own queries and the findings both read it.
export function parseProps(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}
