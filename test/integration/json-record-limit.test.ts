// A JSON record over the limit (16 MB by default) is a reject naming the limit and how to raise it, read without
// holding it; a file made only of such records fails with an error naming the file; `maxRecordSize` (CLI
// `--max-record`) raises the limit for one import. Records are Kubernetes audit events (the Elastic fixture's
// native record, ../shared/fixtures/k8s), one with a 20 MB requestURI. (A file that is one top-level object, not a
// wrapper of records, is a document: held up to 256 MB by design, since it may be a container such as a Log
// Analytics export; that limit is not raised.)
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/contract.ts';
import { SHARED_FIXTURES, TestCase } from '../helpers.ts';

const TEMPLATE = fs.readFileSync(path.join(SHARED_FIXTURES, 'k8s', 'elastic-k8s-audit.ndjson'), 'utf8').split('\n')[1];
const event = (id: string, uri?: string) => {
  const e = JSON.parse(TEMPLATE) as Record<string, unknown>;
  e.auditID = id;
  if (uri) e.requestURI = uri;
  return JSON.stringify(e);
};
const HUGE = `/api/v1/namespaces/kube-system/pods?labelSelector=${'a'.repeat(20 * 2 ** 20)}`;

let t: TestCase | undefined;
afterEach(() => t?.close());

describe('a JSON record over the limit', () => {
  it('is a reject naming the limit and how to raise it; the other records load', async () => {
    t = await TestCase.create();
    const s = await t.importText('audit.ndjson', [event('a'), event('b', HUGE), event('c')].join('\n'));
    expect(s).toMatchObject({ format: 'k8s-audit', rows: 3, loaded: 2, rejected: 1 });
    const [reject] = t.db.prepare('SELECT locator, reason, length(excerpt) AS excerpt FROM reject').all() as {
      locator: string;
      reason: string;
      excerpt: number;
    }[];
    expect(reject.locator).toBe('line 2 document');
    expect(reject.reason).toBe(
      'record larger than 16 MB, the limit for one JSON record; it was not read into memory. ' +
        'To import it, raise the limit (blastmap import --max-record <size>, API maxRecordSize; at most 256 MB)',
    );
    expect(reject.excerpt).toBeLessThan(1000);
  });

  it('fails a file made only of such records with an error naming the file, the limit and the option', async () => {
    t = await TestCase.create();
    // Named: a 64 KB sample of a 20 MB record says nothing about its format.
    const err = await t.importText('only-huge.json', `[${event('b', HUGE)}]`, 'k8s-audit').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toMatch(
      /^only-huge\.json: recognised as k8s-audit, but all 1 of its records were rejected.*record larger than 16 MB.*--max-record <size>/s,
    );
    expect((await t.call('case.info')).sources).toBe(0);
  });

  it('loads it when the import raises the limit', async () => {
    t = await TestCase.create();
    const file = path.join(t.dir, 'audit.ndjson');
    fs.writeFileSync(file, [event('a'), event('b', HUGE), event('c')].join('\n'));
    const { sources } = await t.call('import.files', { paths: [file], maxRecordSize: 32 * 2 ** 20 });
    expect(sources[0]).toMatchObject({ rows: 3, loaded: 3, rejected: 0 });
    // The limit was for that import only.
    const again = path.join(t.dir, 'again.ndjson');
    fs.writeFileSync(again, [event('d'), event('e', HUGE)].join('\n'));
    expect((await t.call('import.files', { paths: [again] })).sources[0]).toMatchObject({ loaded: 1, rejected: 1 });
  });
});
