// The CloudTrail parse worker on byte ranges: every line is owned by exactly one range, wherever the split falls
// (mid-line, on a line start, inside a multi-byte character), and line numbers stay those of the whole file.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { TrailBatch, TrailParseJob, TrailParseMessage } from '../../main/ingest/aws/cloudtrail-batch.ts';
import { ROOT, tmpDir } from '../helpers.ts';

const WORKER = path.join(ROOT, 'main', 'ingest', 'aws', 'cloudtrail-parse-worker.ts');

function record(i: number): string {
  return JSON.stringify({
    eventVersion: '1.08',
    eventTime: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    eventID: `e-${i}`,
    userAgent: i % 3 ? 'agent' : 'agént ✓', // multi-byte characters near splits
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/u', accessKeyId: 'AKIAEXAMPLEKEY000001' },
  });
}

async function parse(job: TrailParseJob): Promise<{ lines: number[]; ids: string[]; rejects: [number, string, string][] }> {
  const worker = new Worker(WORKER, { workerData: job });
  const lines: number[] = [];
  const ids: string[] = [];
  const rejects: [number, string, string][] = [];
  await new Promise<void>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (m: TrailParseMessage) => {
      if (m.type === 'done') return resolve();
      if (m.type === 'error') return reject(new Error(m.message));
      const b = m as TrailBatch;
      for (let i = 0; i < b.n; i++) {
        lines.push(b.lines[i]);
        ids.push(JSON.parse(b.props[i]).event_id as string);
      }
      rejects.push(...b.rejects);
      worker.postMessage('ack');
    });
  });
  await worker.terminate();
  return { lines, ids, rejects };
}

describe('CloudTrail parse worker byte ranges', () => {
  const dir = tmpDir();
  const text = `${Array.from({ length: 400 }, (_, i) => (i === 150 ? '{broken' : i === 151 ? '' : record(i))).join('\n')}\n`;
  const file = path.join(dir, 'trail.ndjson');
  fs.writeFileSync(file, text);
  const bytes = Buffer.from(text);
  const lineStart = bytes.indexOf('\n', 5000) + 1;

  for (const [label, split] of [
    ['mid-line', 12_345],
    ['on a line start', lineStart],
    ['one byte after a line start', lineStart + 1],
  ] as const) {
    it(`splits ${label} without losing or repeating a line`, async () => {
      const base = { path: file, gzip: false, maxLineChars: 1 << 20 };
      const a = await parse({ ...base, start: 0, end: split });
      const b = await parse({ ...base, start: split, end: Infinity });
      const lines = [...a.lines, ...b.lines];
      expect(new Set(lines).size).toBe(lines.length);
      expect(lines.length).toBe(398);
      expect(Math.max(...a.lines)).toBeLessThan(Math.min(...b.lines));
      const ids = [...a.ids, ...b.ids];
      // Line n holds record n - 1 (line 151 is the broken one, 152 is empty).
      lines.forEach((line, k) => expect(ids[k]).toBe(`e-${line - 1}`));
      expect([...a.rejects, ...b.rejects].map((r) => r[0])).toEqual([151]);
    });
  }

  it('reads a single range covering the whole file the same way', async () => {
    const all = await parse({ path: file, gzip: false, start: 0, end: Infinity, maxLineChars: 1 << 20 });
    expect(all.lines.length).toBe(398);
    expect(all.rejects[0][1]).toContain('invalid JSON');
  });

  it('rejects an absurdly long line once and goes on', async () => {
    const long = path.join(dir, 'long.ndjson');
    fs.writeFileSync(long, `${record(1)}\n{"eventVersion":"${'x'.repeat(5000)}"}\n${record(3)}\n`);
    const r = await parse({ path: long, gzip: false, start: 0, end: Infinity, maxLineChars: 1000 });
    expect(r.lines).toEqual([1, 3]);
    expect(r.rejects.map((x) => [x[0], x[1]])).toEqual([[2, 'line longer than 1000 bytes']]);
  });
});
