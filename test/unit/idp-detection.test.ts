// Detection across every sample we have: each identity-provider, cloud, Kubernetes and host-log file has exactly
// one winning format (no near-tie), the right one for its folder; AWS and canonical CSV files are never claimed
// by these formats. Runs on the shared fixtures when present and always on our own fixtures.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, rankFormats } from '../../main/ingest/detect.ts';
import { readSample } from '../../main/ingest/file-source.ts';
import { FIXTURES, SHARED_FIXTURES } from '../helpers.ts';

const OURS: Record<string, string[]> = {
  entra: ['entra-signin', 'entra-audit'],
  okta: ['okta-system-log'],
  github: ['github-audit'],
  gcp: ['gcp-iam-policy', 'gcp-audit'],
  k8s: ['k8s-objects', 'k8s-audit'],
  linux: ['linux-auth-log'],
  windows: ['windows-security'],
};
const OUR_FORMATS = new Set(Object.values(OURS).flat());

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? walk(p) : d.isFile() ? [p] : [];
  });
}

function samples(root: string) {
  return walk(root)
    .filter((f) => !/\/licenses\//.test(f) && !f.endsWith('.md'))
    .map((f) => ({ file: f, folder: path.relative(root, f).split(path.sep)[0] }));
}

const shared = samples(SHARED_FIXTURES);
const own = samples(FIXTURES);
if (!shared.length) console.warn(`[detection] ${SHARED_FIXTURES} is absent: only our own fixtures are checked`);

describe('format detection over every fixture', () => {
  for (const { file, folder } of [...shared, ...own]) {
    const label = path.relative(path.dirname(path.dirname(file)), file);
    if (OURS[folder]) {
      it(`${label}: exactly one winner, one of ${OURS[folder].join('/')}`, async () => {
        const sample = await readSample(file, path.basename(file));
        const { importer, candidates } = detectFormat(sample); // throws on an unknown or ambiguous file
        expect(OURS[folder]).toContain(importer.name);
        // The runner-up, if any, is clearly behind: no silent guess between two of our formats.
        if (candidates[1]) expect(candidates[0].confidence - candidates[1].confidence).toBeGreaterThanOrEqual(0.05);
      });
    } else {
      it(`${label}: not claimed by any identity-provider / cloud / k8s / host-log format`, async () => {
        const sample = await readSample(file, path.basename(file));
        const ours = rankFormats(sample).filter((c) => OUR_FORMATS.has(c.format));
        expect(ours).toEqual([]);
      });
    }
  }
});
