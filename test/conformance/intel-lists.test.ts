// Conformance: every real intel list in ../shared/intel imports through the API with the entry counts,
// formats, classes and dates its SOURCES.md documents, and lookups then classify known members.
// Skipped, with a notice, where the shared folder is absent.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseList } from '../../main/intel/lists/parse-list.ts';
import { SHARED_INTEL, TestCase } from '../helpers.ts';

const present = fs.existsSync(SHARED_INTEL);
if (!present) console.warn(`intel conformance skipped: ${SHARED_INTEL} is absent`);

/** From ../shared/intel/SOURCES.md. */
const EXPECTED: Record<string, { format: string; class: string; entries: number; asOf?: string }> = {
  'tor-exit-nodes-secops-institute.lst': { format: 'ip-list', class: 'tor', entries: 1746 },
  'tor-exit-relays-alireza-rezaee.csv': { format: 'tor-relay-csv', class: 'tor', entries: 5933 },
  'tor-exit-addresses-torproject-format-20240312.txt': { format: 'tor-exit-addresses', class: 'tor', entries: 2378 },
  'vpn-ipv4-x4bnet.txt': { format: 'ip-list', class: 'vpn', entries: 10862 },
  'datacenter-ipv4-x4bnet.txt': { format: 'ip-list', class: 'hosting', entries: 42566 },
  'bad-asn-list-brianhama.csv': { format: 'asn-csv', class: 'hosting', entries: 742 },
  'aws-ip-ranges.json': { format: 'aws-ip-ranges', class: 'cloud', entries: 10668 + 6160, asOf: '2026-08-22T15:17:05.000Z' },
  'gcp-cloud.json': { format: 'gcp-cloud', class: 'cloud', entries: 782, asOf: '2025-07-24T19:16:28.780Z' },
  'azure-service-tags-public.json': { format: 'azure-service-tags', class: 'cloud', entries: 90493 },
};

describe.skipIf(!present)('intel lists from ../shared/intel', () => {
  let t: TestCase;
  beforeAll(async () => {
    t = await TestCase.create();
  });
  afterAll(() => t?.close());

  it('covers every list file in the folder', () => {
    const files = fs.readdirSync(SHARED_INTEL).filter((f) => fs.statSync(path.join(SHARED_INTEL, f)).isFile() && f !== 'SOURCES.md');
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`imports ${file}`, async () => {
      const r = await t.call('intel.import', { path: path.join(SHARED_INTEL, file) });
      expect(r).toMatchObject({ format: expected.format, class: expected.class, entries: expected.entries, rejected: 0, skipped: false });
      if (expected.asOf) expect(r.asOf).toBe(expected.asOf);
      expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    });
  }

  it('dates the Tor exit list by its newest ExitAddress and keeps every timestamp', () => {
    const l = parseList(fs.readFileSync(path.join(SHARED_INTEL, 'tor-exit-addresses-torproject-format-20240312.txt'), 'utf8'));
    expect(l.asOf?.slice(0, 10)).toBe('2024-03-12');
    expect(l.entries.every((e) => typeof e.seenAt === 'number')).toBe(true);
  });

  it('classifies members of the imported lists', async () => {
    // The first exit in the file: an exit at 2024-03-12 08:10:51, not a year later.
    const at = (ip: string, when: string) => t.call('intel.lookup', { ips: [ip], at: when }).then((r) => r[0]);
    expect((await at('185.241.208.232', '2024-03-12T09:00:00Z')).lists).toContain('tor-exit-addresses-torproject-format-20240312.txt');
    expect((await at('185.241.208.232', '2025-03-12T09:00:00Z')).lists).not.toContain('tor-exit-addresses-torproject-format-20240312.txt');
    expect(await at('3.5.140.1', '2026-08-01T00:00:00Z')).toMatchObject({ class: 'cloud', classSource: 'list:aws-ip-ranges.json' });
    expect((await at('2.26.157.1', '2026-08-01T00:00:00Z')).class).toBe('vpn');
  });
});
