// Applies a column mapping: writes a copy of the CSV whose header row uses the canonical column names,
// the data rows byte-for-byte unchanged. The importer then reads the copy with the target format.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import Papa from 'papaparse';
import { ApiError } from '../../shared/api/contract.ts';
import { validateMapping } from './presets.ts';

const HEAD_BYTES = 256 * 1024;

export async function applyMapping(file: string, target: string, mapping: Record<string, string>): Promise<{ path: string; columns: string[] }> {
  validateMapping(target, mapping);
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      head = Buffer.alloc(HEAD_BYTES);
      head = head.subarray(0, fs.readSync(fd, head, 0, HEAD_BYTES, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    throw new ApiError('bad-input', `cannot read ${file}`);
  }
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const text = head.subarray(bom).toString('utf8');
  const parsed = Papa.parse<string[]>(text, { preview: 1 });
  const headers = parsed.data[0];
  if (!headers?.length) throw new ApiError('bad-input', `${file} has no header row`);
  // Byte offset where the data rows start: right after the header record and its line break.
  const cursor = endOfFirstRecord(text);
  const dataStart = bom + Buffer.byteLength(text.slice(0, cursor), 'utf8');

  const canonicalFor = new Map(Object.entries(mapping).map(([canonical, header]) => [header, canonical]));
  for (const header of canonicalFor.keys()) {
    if (!headers.includes(header)) throw new ApiError('bad-request', `the file has no column "${header}"`);
  }
  // Unmapped columns keep their data under a name no synonym matches, so they cannot be picked up by accident.
  const columns = headers.map((h, i) => canonicalFor.get(h) ?? `unmapped_${i + 1}`);
  const out = `${file}.mapped.csv`;
  // Same line break as the original: parsers infer it from the first line.
  const newline = text.slice(cursor - 2, cursor) === '\r\n' ? '\r\n' : text[cursor - 1] === '\r' ? '\r' : '\n';
  fs.writeFileSync(out, `${Papa.unparse([columns], { newline })}${newline}`);
  await pipeline(fs.createReadStream(file, { start: dataStart }), fs.createWriteStream(out, { flags: 'a' }));
  return { path: out, columns };
}

/** Index just past the first record's line break, honouring quoted fields (papaparse's cursor overshoots with preview). */
function endOfFirstRecord(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) return c === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
  }
  return text.length;
}
