// LIKE patterns from what the analyst typed: `%`, `_` and `\` are taken literally (every LIKE that uses one says
// ESCAPE '\'). Shared by the inventory tables, search, the events browser and the Findings filter.

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
