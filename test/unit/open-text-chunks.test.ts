// openText hands ASCII chunks over without the TextDecoder (file-source.ts): the text must be exactly what decoding
// the whole file gives, also when a character is cut by a chunk boundary and the next chunk is plain ASCII, and
// when a BOM stands at the start of a later chunk (only the file's first BOM is dropped).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openText } from '../../main/ingest/file-source.ts';

const MB = 1 << 20; // the read stream's chunk size

async function readAll(bytes: Buffer): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open-text-'));
  const file = path.join(dir, 'log.ndjson');
  fs.writeFileSync(file, bytes);
  try {
    let text = '';
    for await (const chunk of openText(file)) text += chunk as string;
    return text;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('openText over chunks', () => {
  it('keeps a character cut by a chunk boundary whole when the next chunk is ASCII', async () => {
    const euro = Buffer.from('€'); // 3 bytes: the first chunk ends after its first byte
    const bytes = Buffer.concat([Buffer.alloc(MB - 1, 'a'), euro, Buffer.alloc(MB, 'b'), Buffer.from('\n')]);
    const text = await readAll(bytes);
    expect(text).toBe(new TextDecoder().decode(bytes));
    expect(text.indexOf('€')).toBe(MB - 1);
  });

  it('drops the leading BOM only, not one that starts a later chunk', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    // The first chunk is plain ASCII: the BOM opening the second is text, not the start of the stream.
    const later = Buffer.concat([Buffer.alloc(MB, 'a'), bom, Buffer.from('b\n')]);
    expect(await readAll(later)).toBe(`${'a'.repeat(MB)}\uFEFFb\n`);
    const leading = Buffer.concat([bom, Buffer.alloc(MB, 'a'), bom, Buffer.from('b\n')]);
    expect(await readAll(leading)).toBe(`${'a'.repeat(MB)}\uFEFFb\n`);
  });

  it('turns invalid bytes into U+FFFD where they stand, also a cut character followed by ASCII', async () => {
    // The first chunk ends with a lead byte the ASCII chunk after it never completes.
    const bytes = Buffer.concat([Buffer.alloc(MB - 1, 'a'), Buffer.from([0xe2]), Buffer.alloc(MB, 'b'), Buffer.from([0xff, 0x0a])]);
    const text = await readAll(bytes);
    expect(text).toBe(new TextDecoder().decode(bytes));
    expect(text.indexOf('\uFFFD')).toBe(MB - 1);
  });
});
