// Hostile input against every registered importer and against format detection: random bytes,
// truncated real-format files, deep nesting, prototype-pollution keys, broken encodings, mixed line
// endings, formula cells, absurd dates and IPs. Every outcome must be a loaded file or a clear
// ApiError; never a crash, a hang, a polluted prototype or a damaged case.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/contract.ts';
import { IMPORTERS } from '../../main/ingest/registry.ts';
import { FIXTURES, TestCase } from '../helpers.ts';

const ALLOWED_ERRORS = new Set(['bad-input', 'bad-request', 'cancelled']);

/** Our own real-format fixtures, used as seeds to truncate and mutate. */
function seedFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else if (fs.statSync(p).size < 2_000_000) out.push(p);
    }
  };
  walk(FIXTURES);
  return out.sort();
}

let t: TestCase;
let counter = 0;

beforeAll(async () => {
  t = await TestCase.create();
});
afterAll(() => t.close());

/** Imports bytes (optionally forcing a format) and checks the invariants; returns the outcome kind. */
async function tryImport(bytes: Buffer | string, format?: string): Promise<'loaded' | string> {
  const file = path.join(t.dir, `input-${counter++}.bin`);
  fs.writeFileSync(file, bytes);
  let outcome: string;
  try {
    await t.call('import.files', { paths: [file], format });
    outcome = 'loaded';
  } catch (e) {
    expect(e, `unexpected ${String(e)}`).toBeInstanceOf(ApiError);
    const code = (e as ApiError).code;
    expect(ALLOWED_ERRORS.has(code), `error code ${code}: ${(e as Error).message}`).toBe(true);
    expect((e as Error).message.length).toBeGreaterThan(0);
    outcome = code;
  } finally {
    fs.rmSync(file, { force: true });
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((Object.prototype as Record<string, unknown>).isAdmin).toBeUndefined();
  expect(t.db.inTransaction).toBe(false);
  return outcome;
}

function integrityOk(): void {
  expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
}

const HOSTILE_SAMPLES: Record<string, string | Buffer> = {
  'deep JSON array': '['.repeat(200_000),
  'deep JSON object': '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
  'proto keys NDJSON':
    '{"__proto__":{"polluted":true,"isAdmin":true},"constructor":{"prototype":{"polluted":true}},"eventVersion":"1.08","eventTime":"2024-01-01T00:00:00Z","eventSource":"iam.amazonaws.com","eventName":"GetUser"}\n',
  'proto keys array': '[{"__proto__":{"polluted":1},"prototype":{"isAdmin":true},"id":"x"}]',
  'proto header CSV': '__proto__,constructor,prototype\n1,2,3\n',
  'formula cells': "id,name,kind\n=cmd|' /C calc'!A0,+SUM(A1),human\n@evil,-1+1,service_account\n",
  'absurd dates and ips':
    'timestamp,identity,source_ip,outcome\n99999-01-01T00:00:00Z,a,999.1.1.1,success\n2024-01-01T25:61:61Z,b,::::,success\n1970-01-01T00:00:00Z,c,1.2.3,success\n',
  'invalid utf8': Buffer.from([0x69, 0x64, 0x2c, 0x6b, 0x69, 0x6e, 0x64, 0x0a, 0xff, 0xfe, 0xc3, 0x28, 0x2c, 0x68, 0x75, 0x6d, 0x61, 0x6e, 0x0a]),
  'utf16 bom csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,name,kind\nu16,Wide,human\n', 'utf16le')]),
  'latin1 csv': Buffer.from('id,name,kind\nzoë,Zoë Müller,human\n', 'latin1'),
  'mixed line endings': 'id,name,kind\r\na,A,human\nb,B,human\rc,C,human\r\n',
  'nul bytes': Buffer.from('id,name,kind\nx\u0000y,na\u0000me,human\n'),
  'only whitespace': '   \n\t\r\n  ',
  'lone brace': '{',
  'truncated gzip': Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4b, 0x4c]),
};

describe('hostile input', () => {
  it('survives named hostile samples through detection and through every forced format', async () => {
    for (const [name, bytes] of Object.entries(HOSTILE_SAMPLES)) {
      const outcome = await tryImport(bytes);
      expect(typeof outcome, name).toBe('string');
      for (const importer of IMPORTERS) await tryImport(bytes, importer.name);
    }
    integrityOk();
  }, 120_000);

  it('loads what is usable in a CSV with formula cells, keeping the text as data', async () => {
    const r = await tryImport(HOSTILE_SAMPLES['formula cells']);
    expect(r).toBe('loaded');
    const name = t.db.prepare(`SELECT name FROM node WHERE key = ?`).pluck().get("=cmd|' /C calc'!A0");
    expect(name).toBe('+SUM(A1)');
  });

  it('survives random bytes, through detection and every forced format', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        await tryImport(Buffer.from(bytes));
        const importer = IMPORTERS[bytes.length % IMPORTERS.length];
        await tryImport(Buffer.from(bytes), importer.name);
      }),
      { numRuns: 60 },
    );
    integrityOk();
  }, 120_000);

  it('survives every real-format fixture truncated and mutated at random positions', async () => {
    const seeds = seedFiles().map((f) => fs.readFileSync(f));
    expect(seeds.length).toBeGreaterThan(3);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: seeds.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.uint8Array({ minLength: 0, maxLength: 16 }),
        async (which, cut, noise) => {
          const seed = seeds[which];
          const at = Math.floor(seed.length * cut);
          await tryImport(seed.subarray(0, at));
          await tryImport(Buffer.concat([seed.subarray(0, at), Buffer.from(noise), seed.subarray(at)]));
        },
      ),
      { numRuns: 40 },
    );
    integrityOk();
  }, 180_000);

  it('handles a single 100 MB line in NDJSON and in CSV without crashing', async () => {
    const huge = 'x'.repeat(100 * 1024 * 1024);
    const ndjson = `{"eventVersion":"1.08","eventTime":"2024-01-01T00:00:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","userAgent":"${huge}"}\n`;
    const outcomeJson = await tryImport(ndjson);
    expect(['loaded', 'bad-input']).toContain(outcomeJson);
    const csv = `timestamp,identity,user_agent,outcome\n2024-01-01T00:00:00Z,big,${huge},success\n2024-01-01T00:00:01Z,small,ua,success\n`;
    const outcomeCsv = await tryImport(csv);
    expect(['loaded', 'bad-input']).toContain(outcomeCsv);
    integrityOk();
  }, 180_000);
});
