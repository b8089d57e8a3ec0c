// Bounded decompression: a .gz may inflate to 64 MB plus 100× its size (and never past an absolute cap), in every
// gzip path (held small files, streams, the CSV and JSON parse workers, the CloudTrail worker). A bomb fails fast
// with an error that names the limit, and the case is unchanged.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/contract.ts';
import { openText, setInflateLimits, utf8Chunks } from '../../main/ingest/file-source.ts';
import type { TrailParseJob, TrailParseMessage } from '../../main/ingest/aws/cloudtrail-batch.ts';
import { FIXTURES, ROOT, runCli, TestCase, tmpDir } from '../helpers.ts';

const MB = 2 ** 20;

/**
 * `head` then `megabytes` MB of newlines, as gzip members (a .gz may hold several; every reader takes them all):
 * one 16 MB member compressed once and repeated keeps the test cheap to build. About 1000:1.
 */
function bomb(file: string, head: string, megabytes: number): string {
  const block = zlib.gzipSync(Buffer.alloc(16 * MB, 10), { level: 9 });
  const parts = [zlib.gzipSync(head), ...Array<Buffer>(Math.ceil(megabytes / 16)).fill(block)];
  fs.writeFileSync(file, Buffer.concat(parts));
  return file;
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream) {
    /* read on */
  }
}

describe('bounded decompression', () => {
  const dir = tmpDir();
  // 1 GB of newlines in ~1 MB (the old reader inflated all of it: minutes for 4 GB, the engine busy meanwhile).
  const line = fs.readFileSync(path.join(FIXTURES, 'aws-logs', 'logstash.ndjson'), 'utf8').split('\n')[0];
  const trailBomb = bomb(path.join(dir, 'trail.ndjson.gz'), `${line}\n`, 1024);
  const csvBomb = bomb(path.join(dir, 'identities.csv.gz'), 'id,name,kind\nsvc-a,A,service_account\n', 1024);

  it('refuses a small .gz that inflates to a gigabyte, fast, naming the limit; the case is unchanged', async () => {
    const t = await TestCase.create();
    await t.call('import.files', { paths: [path.join(FIXTURES, 'csv', 'identities.csv')] });
    const before = await t.call('case.info');
    const started = Date.now();
    const err = await t.call('import.files', { paths: [trailBomb] }).then(
      () => null,
      (e: unknown) => e,
    );
    const seconds = (Date.now() - started) / 1000;
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('bad-input');
    expect((err as ApiError).message).toMatch(
      /^trail\.ndjson\.gz: the gzip data inflates more than 100:1 beyond the first 64 MB: \d+(\.\d)? MB from \d+(\.\d)? KB, which looks like a decompression bomb; the file was not imported and the case is unchanged/,
    );
    expect((err as ApiError).message).toContain('--max-inflate-ratio');
    expect(seconds).toBeLessThan(20);
    expect(await t.call('case.info')).toEqual(before);
    t.close();
  });

  it('takes the limits as import options: an absolute cap, and a ratio', async () => {
    const t = await TestCase.create();
    const small = path.join(dir, 'people.csv.gz');
    fs.writeFileSync(small, zlib.gzipSync(fs.readFileSync(path.join(FIXTURES, 'csv', 'identities.csv'))));
    await expect(t.call('import.files', { paths: [small], maxInflatedBytes: 100 })).rejects.toThrow(
      /people\.csv\.gz: the gzip data inflates past the absolute cap of 100 bytes/,
    );
    expect((await t.call('case.info')).sources).toBe(0);
    const [ok] = (await t.call('import.files', { paths: [small] })).sources;
    expect(ok).toMatchObject({ format: 'identities-csv', loaded: 7 });
    t.close();
  });

  it('the CLI states the limit and exits 2; --max-inflated sets the cap', () => {
    const casePath = path.join(tmpDir(), 'c.blastmap');
    const r = runCli(['import', casePath, csvBomb, '--max-inflated', '20MB']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('identities.csv.gz: the gzip data inflates past the absolute cap of 20 MB');
    expect(runCli(['import', casePath, csvBomb, '--max-inflated', 'lots']).status).toBe(1);
  });

  it('bounds the streaming readers (openText, utf8Chunks) of files not held in memory', async () => {
    const file = bomb(path.join(dir, 'stream.log.gz'), 'x\n', 64);
    const previous = setInflateLimits({ firstBytes: 8 * MB, ratio: 10 });
    try {
      await expect(drain(openText(file))).rejects.toThrow(
        /stream\.log\.gz: the gzip data inflates more than 10:1 beyond the first 8 MB: 8\.\d MB from/,
      );
      await expect(drain(utf8Chunks(file))).rejects.toThrow(/inflates more than 10:1 beyond the first 8 MB/);
      await expect(drain(openText(file, undefined, { maxLineChars: 1 << 30 }))).rejects.toThrow(/inflates more than 10:1/);
    } finally {
      setInflateLimits(previous);
    }
    // Within the default limits the same file reads whole.
    let bytes = 0;
    for await (const chunk of utf8Chunks(file)) bytes += (chunk as Buffer).length;
    expect(bytes).toBe(64 * MB + 2);
  });

  it('bounds the CloudTrail parse worker, which inflates on its own, and never keeps a bomb as a truncated file', async () => {
    const file = bomb(path.join(dir, 'trail.json.gz'), '{"eventVersion":"1.08"}\n', 64);
    const job: TrailParseJob = {
      path: file,
      gzip: true,
      start: 0,
      end: Infinity,
      maxLineChars: 1 << 20,
      inflate: { firstBytes: 8 * MB, ratio: 10, maxBytes: 2 ** 40 },
    };
    const worker = new Worker(path.join(ROOT, 'main', 'ingest', 'aws', 'cloudtrail-parse-worker.ts'), { workerData: job });
    const outcome = await new Promise<TrailParseMessage>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (m: TrailParseMessage) => {
        if (m.type === 'batch') worker.postMessage('ack');
        else if (m.type !== 'warning') resolve(m);
      });
    });
    await worker.terminate();
    expect(outcome).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/trail\.json\.gz: the gzip data inflates more than 10:1 beyond the first 8 MB/),
    });
  });
});
