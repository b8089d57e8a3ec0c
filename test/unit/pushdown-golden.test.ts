// Golden files for every engine × source query pack (test/fixtures/pushdown/golden): the texts no engine here can
// run (Athena, Trino, Spark, BigQuery, KQL) are pinned, so any change to them is seen in review; regenerate with
// BLASTMAP_UPDATE_GOLDEN=1 and read the diff. No SQL or KQL parser for these dialects is installed, so the offline
// check is structural: brackets balance and every string literal and quoted name ends, read with each dialect's
// own quoting rules (doubled quotes in Trino/DuckDB, backslash escapes in Spark/BigQuery/KQL).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../main/pushdown/dialects.ts';
import { generatePack } from '../../main/pushdown/generate.ts';
import { SOURCES } from '../../main/pushdown/sources.ts';
import { FIXTURES } from '../helpers.ts';

const DIR = path.join(FIXTURES, 'pushdown', 'golden');
const UPDATE = process.env.BLASTMAP_UPDATE_GOLDEN === '1';

function packText(engine: string, source: string): string {
  return generatePack({ engine, source, since: '2024-05-01', until: '2024-06-01', anonymous: ['203.0.113.9', "198.51.100.1' --"] })
    .map((f) => `==> ${f.name} <==\n${f.text}`)
    .join('\n');
}

/** The first structural fault of a query text (null when none), skipping comments, literals and quoted names. */
function structuralFault(text: string, engine: string): string | null {
  const backslash = engine === 'spark' || engine === 'bigquery' || engine === 'kql';
  const quotes = engine === 'kql' ? ['"', "'"] : engine === 'spark' || engine === 'bigquery' ? ["'", '"', '`'] : ["'", '"'];
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c === '-' && text[i + 1] === '-' && engine !== 'kql') || (c === '/' && text[i + 1] === '/' && engine === 'kql')) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (quotes.includes(c)) {
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === '\n') return `line break inside a ${c} literal at ${i}`;
        if (backslash && c !== '`' && text[j] === '\\') j++;
        else if (text[j] === c) {
          if (!backslash && text[j + 1] === c)
            j++; // a doubled quote stays inside
          else break;
        }
      }
      if (j >= text.length) return `unterminated ${c} literal at ${i}`;
      i = j;
      continue;
    }
    if ('([{'.includes(c)) stack.push(c);
    else if (c in pairs && stack.pop() !== pairs[c]) return `unbalanced ${c} at ${i}`;
  }
  return stack.length ? `unclosed ${stack.join('')}` : null;
}

describe('pushdown golden files', () => {
  for (const engine of ENGINES) {
    for (const source of SOURCES) {
      it(`${source} × ${engine}`, () => {
        const text = packText(engine, source);
        for (const part of text.split(/^==> .* <==$/m).filter((p) => p.trim()))
          expect(structuralFault(part, engine), `${source} ${engine}`).toBeNull();
        const file = path.join(DIR, `${source}.${engine}.txt`);
        if (UPDATE) fs.writeFileSync(file, text);
        expect(text).toBe(fs.readFileSync(file, 'utf8'));
      });
    }
  }

  it('the structural check finds what it is for', () => {
    expect(structuralFault("SELECT 'a''b' FROM t", 'trino')).toBeNull();
    expect(structuralFault("SELECT 'a\\'b' FROM t", 'trino')).toMatch(/unbalanced|unterminated/);
    expect(structuralFault("SELECT 'a\\'b' FROM t", 'spark')).toBeNull();
    expect(structuralFault('SELECT f(x FROM t', 'athena')).toBe('unclosed (');
    expect(structuralFault('T | where x == "a\\"b"', 'kql')).toBeNull();
    expect(structuralFault('T | where x == "a', 'kql')).toMatch(/unterminated/);
    expect(structuralFault("-- a comment with ( and '\nSELECT 1", 'duckdb')).toBeNull();
  });
});
