// CSV export from the inventory screens: cells a spreadsheet would execute are neutralised, and every
// cell round-trips through a CSV parser unchanged otherwise.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { escapeCell, toCsv } from '../../renderer/lib/csv-export.ts';

describe('CSV export', () => {
  it('prefixes cells starting with = + - @ tab or CR with a quote mark', () => {
    for (const bad of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) {
      const parsed = Papa.parse<string[]>(toCsv(['v'], [{ v: bad }])).data[1][0];
      expect(parsed).toBe(`'${bad}`);
    }
  });

  it('leaves ordinary text, negative numbers and empty cells alone', () => {
    expect(escapeCell('svc-deploy')).toBe('svc-deploy');
    expect(escapeCell(-3)).toBe('-3');
    expect(escapeCell(null)).toBe('');
    expect(escapeCell(undefined)).toBe('');
    expect(escapeCell('a-b=c')).toBe('a-b=c');
  });

  it('quotes commas, quotes and line breaks so values round-trip', () => {
    const rows = [{ id: 'x,y', name: 'say "hi"', note: 'two\nlines', n: 42 }];
    const parsed = Papa.parse<string[]>(toCsv(['id', 'name', 'note', 'n'], rows)).data;
    expect(parsed[0]).toEqual(['id', 'name', 'note', 'n']);
    expect(parsed[1]).toEqual(['x,y', 'say "hi"', 'two\nlines', '42']);
  });
});
