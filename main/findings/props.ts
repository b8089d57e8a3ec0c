// The props column (a JSON object of source-specific fields) as an object; anything else reads as empty,
// so one odd row never stops a findings run.
export function parseProps(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}
