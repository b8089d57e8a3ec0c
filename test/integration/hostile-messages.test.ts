// What the CLI prints never carries raw control characters from data (file names, headers, reject reasons),
// and absurdly nested JSON is refused with a clear reason instead of V8's "Maximum call stack size exceeded".
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { TrailBatch, TrailParseMessage } from '../../main/ingest/aws/cloudtrail-batch.ts';
import { terminalSafe } from '../../main/cli/output.ts';
import { ROOT, runCli, TestCase, tmpDir, writeFile } from '../helpers.ts';

const ESC = '\u001b';
/** Anything a terminal would act on: C0 but newline and tab, DEL, C1, bidi overrides and isolates. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('control characters never reach the terminal raw', () => {
  it('escapes them in error messages: the file name and the header of a refused CSV', () => {
    const dir = tmpDir();
    const file = writeFile(dir, `evil${ESC}[2J${ESC}]0;owned\u0007\u202e.csv`, `id,${ESC}[31mname\u009b1m,owner\nbox,Box,alice\n`);
    const r = runCli(['import', path.join(dir, 'c.blastmap'), file, '--format', 'systems-csv']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('missing column(s) kind');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr).toContain('evil\\u001b[2J\\u001b]0;owned\\u0007\\u202e.csv');
    expect(r.stderr).toContain('\\u001b[31mname\\u009b1m');
  });

  it('keeps --json output the same value: C1 and bidi characters are written as JSON escapes', () => {
    const dir = tmpDir();
    const name = `odd\u009b31m\u202ename.csv`;
    const file = writeFile(dir, name, 'id,name,kind\nsvc-a,A,service_account\n');
    const r = runCli(['import', path.join(dir, 'c.blastmap'), file, '--json']);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(r.stdout).sources[0].file).toBe(file);
  });

  it('terminalSafe keeps newlines, tabs and a leading progress CR, and escapes the rest', () => {
    expect(terminalSafe('\rfile: 10 rows\tok\n')).toBe('\rfile: 10 rows\tok\n');
    expect(terminalSafe(`a\rb${ESC}c\u2028`)).toBe('a\\u000db\\u001bc\\u2028');
  });
});

describe('absurdly nested JSON', () => {
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

  it('is refused with a clear reason in every JSON reader, never a stack overflow', async () => {
    const t = await TestCase.create();
    const file = writeFile(t.dir, 'deep.json', deep(100_000));
    for (const format of ['cloudtrail', 'entra-signin', 'k8s-objects', 'aws-authorization-details']) {
      const err = await t.call('import.files', { paths: [file], format }).then(
        () => null,
        (e: Error) => e,
      );
      expect(err?.message, format).toMatch(/nested deeper than 1000 levels/);
      expect(err?.message, format).not.toMatch(/call stack/);
    }
    // Deep but sane nesting still imports.
    const ok = writeFile(
      t.dir,
      'ok.ndjson',
      `${JSON.stringify({
        eventVersion: '1.08',
        eventTime: '2024-01-01T00:00:00Z',
        eventSource: 's3.amazonaws.com',
        eventName: 'GetObject',
        userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/u' },
        requestParameters: JSON.parse(`${'{"a":'.repeat(200)}1${'}'.repeat(200)}`),
      })}\n`,
    );
    expect((await t.call('import.files', { paths: [ok] })).sources[0]).toMatchObject({ format: 'cloudtrail', loaded: 1 });
    t.close();
  });

  it('is a reject in the CloudTrail parse worker (its fast path checks too)', async () => {
    const file = writeFile(tmpDir(), 'deep.ndjson', `{"eventVersion":"1.08","requestParameters":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}\n`);
    const worker = new Worker(path.join(ROOT, 'main', 'ingest', 'aws', 'cloudtrail-parse-worker.ts'), {
      workerData: { path: file, gzip: false, start: 0, end: Infinity, maxLineChars: 1 << 24 },
    });
    const rejects: [number, string, string][] = [];
    const end = await new Promise<TrailParseMessage>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (m: TrailParseMessage) => {
        if (m.type === 'batch') {
          rejects.push(...(m as TrailBatch).rejects);
          worker.postMessage('ack');
        } else if (m.type !== 'warning') resolve(m);
      });
    });
    await worker.terminate();
    expect(end.type).toBe('done');
    expect(rejects.map((r) => [r[0], r[1]])).toEqual([[1, 'invalid JSON: nested deeper than 1000 levels (no real log does that)']]);
    expect(fs.existsSync(file)).toBe(true);
  });
});
