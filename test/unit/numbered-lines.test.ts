// The line splitter of the syslog importer (main/ingest/linux/numbered-lines.ts) numbers lines as node:readline
// does, on seeded random text full of CR, LF, CRLF split between chunks, blank and space-only lines, and leaves out
// exactly the blank ones.
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { numberedLines } from '../../main/ingest/linux/numbered-lines.ts';
import { seeded } from '../helpers.ts';

const PIECES = ['Mar  3 10:00:01 web1 sshd[1]: x', 'a', ' ', '\t', '\n', '\n\n', '\r', '\r\n', '\r\n\r\n', '  \n', ' x \n', '\f'];

function chunked(text: string, rand: () => number): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length;) {
    const size = 1 + Math.floor(rand() * 9);
    out.push(text.slice(at, at + size));
    at += size;
  }
  return out;
}

async function byReadline(chunks: string[]): Promise<{ text: string; number: number }[]> {
  const out: { text: string; number: number }[] = [];
  let number = 0;
  for await (const text of readline.createInterface({ input: Readable.from(chunks), crlfDelay: Infinity })) {
    number++;
    if (!/^[ \t]*$/.test(text)) out.push({ text, number });
  }
  return out;
}

async function bySplitter(chunks: string[]): Promise<{ text: string; number: number }[]> {
  const out: { text: string; number: number }[] = [];
  for await (const batch of numberedLines(Readable.from(chunks))) out.push(...batch);
  return out;
}

describe('numbered lines', () => {
  it("gives the non-blank lines with readline's numbers, on 2,000 random texts and chunkings", async () => {
    const rand = seeded(25);
    for (let n = 0; n < 2000; n++) {
      let text = '';
      const length = Math.floor(rand() * 120);
      while (text.length < length) text += PIECES[Math.floor(rand() * PIECES.length)];
      const chunks = chunked(text, rand);
      expect(await bySplitter(chunks), JSON.stringify(chunks)).toEqual(await byReadline(chunks));
    }
  });

  it('numbers the line after a run of four million blank lines', async () => {
    const block = '\n'.repeat(1 << 16);
    const chunks = ['Mar  3 10:00:01 web1 sshd[1]: first\n', ...Array<string>(64).fill(block), 'Mar  3 10:00:02 web1 sshd[1]: last\n'];
    const lines = await bySplitter(chunks);
    expect(lines).toEqual([
      { text: 'Mar  3 10:00:01 web1 sshd[1]: first', number: 1 },
      { text: 'Mar  3 10:00:02 web1 sshd[1]: last', number: 2 + 64 * (1 << 16) },
    ]);
  });
});
