// The byte tokenizer must read every file exactly as papaparse does (papaparse reads all other CSV
// paths): compared on hostile shapes and on random text, fed in random chunk sizes.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvByteTokenizer, type CsvDialect, type Newline } from '../../main/ingest/csv/byte-csv.ts';
import { seeded } from '../helpers.ts';

function tokenize(text: string, dialect: CsvDialect, chunkSizes: () => number): string[][] {
  const out: string[][] = [];
  const tokenizer = new CsvByteTokenizer(dialect, (r) => out.push(r.strings()), 1 << 20);
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length;) {
    const size = Math.max(1, chunkSizes());
    tokenizer.push(bytes.subarray(at, at + size));
    at += size;
  }
  tokenizer.end();
  return out;
}

function papa(text: string, dialect: CsvDialect): string[][] {
  return Papa.parse<string[]>(text, { delimiter: dialect.delimiter, newline: dialect.newline }).data;
}

/** Records papaparse's skipEmptyLines: true drops (an empty line), as every path here skips them. */
const notEmpty = (r: string[]) => !(r.length === 1 && r[0] === '');

const COMMA_LF: CsvDialect = { delimiter: ',', newline: '\n' };

describe('CsvByteTokenizer', () => {
  const hostile: [string, string, CsvDialect][] = [
    ['plain rows', 'a,b,c\n1,2,3\n', COMMA_LF],
    ['no final newline', 'a,b\n1,2', COMMA_LF],
    ['empty fields', ',,\n,x,\n', COMMA_LF],
    ['quoted commas and newlines', 'a,"b,c\nd",e\n"x""y",z\n', COMMA_LF],
    ['escaped quotes only', '"""",""\n', COMMA_LF],
    ['spaces after a closing quote', '"a"  ,"b" \t\n"c"\n', COMMA_LF],
    ['no-break space after a closing quote', '"a"\u00a0,b\n"c"\u00a0x,d\n', COMMA_LF],
    ['quote inside an unquoted field', 'a"b,c"\n', COMMA_LF],
    ['malformed closing quote', '"a"b,c\nd,e\n', COMMA_LF],
    ['unterminated quote at the end', 'a,"b\nc,d\n', COMMA_LF],
    ['unterminated escaped quote', 'a,"b""', COMMA_LF],
    ['closing quote at the very end', 'a,"b"', COMMA_LF],
    ['CRLF file read with LF', 'a,b\r\n"c",d\r\n', COMMA_LF],
    ['CRLF', 'a,b\r\n"c\r\nd",e\r\nf\ng,h\r\n', { delimiter: ',', newline: '\r\n' }],
    ['CR only', 'a,b\r"c\rd",e\r', { delimiter: ',', newline: '\r' }],
    ['tabs', 'a\tb\n"c\td"\te\n', { delimiter: '\t', newline: '\n' }],
    ['semicolons and unicode', 'é;ü\n"ß;x";日本\n', { delimiter: ';', newline: '\n' }],
    ['blank lines', '\n\na,b\n\n \n,\nc,d\n\n', COMMA_LF],
    ['only a quote', '"', COMMA_LF],
  ];
  for (const [name, text, dialect] of hostile) {
    it(`reads ${name} as papaparse does, in any chunking`, () => {
      const expected = papa(text, dialect).filter(notEmpty);
      expect(tokenize(text, dialect, () => 1 << 20).filter(notEmpty)).toEqual(expected);
      expect(tokenize(text, dialect, () => 1).filter(notEmpty)).toEqual(expected);
      const random = seeded(text.length);
      expect(tokenize(text, dialect, () => Math.floor(random() * 5)).filter(notEmpty)).toEqual(expected);
    });
  }

  it('agrees with papaparse on 3,000 random texts in every newline mode', () => {
    const random = seeded(42);
    const alphabet = ['a', 'b', ',', ',', '"', '"', '\n', '\r', ' ', '\t', 'é', '\u00a0', ';', '""'];
    const newlines: Newline[] = ['\n', '\r\n', '\r'];
    let compared = 0;
    for (let t = 0; t < 3000; t++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const dialect: CsvDialect = { delimiter: ',', newline: newlines[t % 3] };
      const expected = papa(text, dialect).filter(notEmpty);
      const actual = tokenize(text, dialect, () => 1 + Math.floor(random() * 6)).filter(notEmpty);
      expect(actual, JSON.stringify(text)).toEqual(expected);
      compared++;
    }
    expect(compared).toBe(3000);
  });

  it('refuses a record that runs on past its limit instead of buffering without end', () => {
    const tokenizer = new CsvByteTokenizer(COMMA_LF, () => {}, 100);
    expect(() => tokenizer.push(Buffer.from(`"${'x'.repeat(200)}`))).toThrow(/runs on for more than/);
  });

  it('gives a field key that tells quoted from plain text', () => {
    const keys: string[] = [];
    const tokenizer = new CsvByteTokenizer(
      COMMA_LF,
      (r) => {
        for (let i = 0; i < r.count; i++) keys.push(r.bytes.toString('utf8', r.keyStart(i), r.keyEnd(i)));
      },
      1 << 20,
    );
    tokenizer.push(Buffer.from('a""b,"a""b" ,c\n'));
    tokenizer.end();
    expect(keys).toEqual(['a""b', '"a""b"', 'c']);
  });
});
