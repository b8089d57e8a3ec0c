// Blank rows dropped before papaparse (main/ingest/csv/blank-rows.ts) change nothing papaparse reads: on seeded
// random CSV text full of what makes quoting hard (newlines and blank lines inside quoted fields, escaped quotes,
// quotes inside unquoted fields, spaces after a closing quote, CRLF, tabs and semicolons as delimiters), fed in
// random chunks, the rows papaparse keeps are the same with and without the drop.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BlankRows } from '../../main/ingest/csv/blank-rows.ts';
import { seeded } from '../helpers.ts';

const PIECES = [
  'a',
  'bc',
  ' ',
  '  ',
  '\t',
  '"',
  '""',
  '"x"',
  '" ',
  '"\n',
  '\n',
  '\n\n',
  '\r\n',
  '\r\n\r\n',
  '\r',
  ',',
  ';',
  ',,',
  'é',
  '"a\n\nb"',
  ' \n',
  '\n \n',
  ';\n',
];

function randomCsv(rand: () => number, length: number): string {
  let s = '';
  while (s.length < length) s += PIECES[Math.floor(rand() * PIECES.length)];
  return s;
}

function rows(text: string, delimiter: string, newline: string): string[][] {
  return Papa.parse<string[]>(text, { delimiter, newline: newline as '\n', skipEmptyLines: 'greedy' }).data;
}

function dropped(text: string, delimiter: string, newline: string, rand: () => number): string {
  const b = new BlankRows(delimiter, newline);
  let out = '';
  for (let at = 0; at < text.length;) {
    const size = 1 + Math.floor(rand() * 7);
    out += b.feed(text.slice(at, at + size), false);
    at += size;
  }
  return out + b.feed('', true);
}

describe('blank rows dropped before papaparse', () => {
  it('leaves every row papaparse keeps as it was, on 3,000 random texts and chunkings', () => {
    const rand = seeded(19);
    for (let n = 0; n < 3000; n++) {
      const text = randomCsv(rand, 1 + Math.floor(rand() * 80));
      const delimiter = [',', ';', '\t'][n % 3];
      const newline = ['\n', '\r\n', '\r'][Math.floor(n / 3) % 3];
      const squeezed = dropped(text, delimiter, newline, rand);
      expect(rows(squeezed, delimiter, newline), JSON.stringify({ text, delimiter, newline, squeezed })).toEqual(rows(text, delimiter, newline));
    }
  });

  it('drops the blank rows themselves: a header then blank lines is the header alone', () => {
    const b = new BlankRows(',', '\n');
    const text = `id,name\n${'\n'.repeat(1000)} , ,\n\t\nsvc-a,"x\n\ny"\n${'\n'.repeat(10)}`;
    const out = b.feed(text, false) + b.feed('', true);
    expect(out).toBe('id,name\nsvc-a,"x\n\ny"\n');
  });
});
