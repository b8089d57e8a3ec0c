// The demo enterprise generator: byte-for-byte determinism, a realistic population, real file formats,
// and every planted story present in the files at the file and line ground truth points to.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ipaddr from 'ipaddr.js';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANONICAL_SPECS, matchHeader } from '../../shared/csv-formats.ts';
import { generateEnterprise, type GenerateResult } from '../../main/demo/generate.ts';
import { STORY_IDS } from '../../main/demo/ground-truth.ts';
import { SIZES } from '../../main/demo/sizes.ts';
import { nhiProfile } from '../../main/demo/nhi.ts';
import { Org } from '../../main/demo/org.ts';
import { personOf, personProfile } from '../../main/demo/people.ts';

const dirs: string[] = [];
// Not test/helpers.ts: that pulls in every importer, and the generator must not depend on them.
const tmpDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
let first: GenerateResult;
let firstDir: string;

function digest(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function csv(dir: string, name: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(fs.readFileSync(path.join(dir, name), 'utf8'), { header: true, skipEmptyLines: true }).data;
}

const lines = new Map<string, string[]>();
function line(dir: string, name: string, n: number): string {
  const file = path.join(dir, name);
  if (!lines.has(file)) lines.set(file, fs.readFileSync(file, 'utf8').split('\n'));
  return lines.get(file)![n - 1];
}

beforeAll(async () => {
  firstDir = tmpDir('blastmap-demo-gen-');
  dirs.push(firstDir);
  first = await generateEnterprise({ size: 'demo', seed: 42, outDir: firstDir });
});

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('demo enterprise generator', () => {
  it('writes the same files byte for byte for the same seed', async () => {
    const again = tmpDir('blastmap-demo-gen-');
    dirs.push(again);
    const second = await generateEnterprise({ size: 'demo', seed: 42, outDir: again });
    expect(second.files.map((f) => path.basename(f))).toEqual(first.files.map((f) => path.basename(f)));
    for (let i = 0; i < first.files.length; i++) expect(digest(second.files[i]), path.basename(first.files[i])).toBe(digest(first.files[i]));
    expect(second.truth).toEqual(first.truth);
  });

  it('makes a different company from a different seed', () => {
    const rows = (seed: number) => {
      const org = new Org(seed, SIZES.demo);
      return [personProfile(org, 3).identity, nhiProfile(org, 5).identities, nhiProfile(org, 12).credentials, org.systems().slice(-5)];
    };
    expect(rows(42)).toEqual(rows(42));
    expect(JSON.stringify(rows(43))).not.toBe(JSON.stringify(rows(42)));
    expect(new Org(43, SIZES.demo).accounts.prod).not.toBe(new Org(42, SIZES.demo).accounts.prod);
  });

  it('has the demo size: ~2k identities at about 1 human to 20 NHIs, ~200k events over three logs', () => {
    const identities = csv(firstDir, 'identities.csv');
    const people = identities.filter((r) => r.kind === 'human').length;
    const nhis = identities.filter((r) => !['human', 'group', 'role'].includes(r.kind)).length;
    expect(people + nhis).toBeGreaterThan(1900);
    expect(people + nhis).toBeLessThan(2200);
    expect(nhis / people).toBeGreaterThan(17);
    expect(nhis / people).toBeLessThan(23);
    for (const kind of ['service_account', 'api_key', 'oauth_app', 'ci_token', 'workload', 'ai_agent', 'group', 'role']) {
      expect(
        identities.some((r) => r.kind === kind),
        kind,
      ).toBe(true);
    }
    const { counts, files } = first.truth;
    expect(counts.events).toBeGreaterThan(170_000);
    expect(counts.events).toBeLessThan(230_000);
    for (const name of ['auth_events.csv', 'cloudtrail.ndjson', 'entra-signins.ndjson']) {
      expect(files.find((f) => f.name === name)!.rows / counts.events, name).toBeGreaterThan(0.15);
    }
    const systems = csv(firstDir, 'systems.csv');
    expect(systems.filter((s) => s.criticality === 'critical').length).toBeGreaterThan(3);
    const credentials = csv(firstDir, 'credentials.csv');
    const age = (r: Record<string, string>) => (Date.parse(first.truth.asOf) - Date.parse(r.last_rotated_at)) / 86_400_000;
    expect(credentials.filter((r) => age(r) <= 90).length / credentials.length).toBeGreaterThan(0.3);
    expect(credentials.filter((r) => age(r) > 365).length / credentials.length).toBeGreaterThan(0.15);
  });

  it('keeps every date an inventory carries plausible, at any size (the importer refuses years before 1990)', () => {
    const org = new Org(7, SIZES.L);
    for (let block = 0; block < 60_000; block += 7) {
      const days = personOf(org, block).createdDaysAgo;
      expect(days, `person ${block}`).toBeGreaterThan(0);
      expect(days, `person ${block}`).toBeLessThan(365 * 20);
    }
  });

  it('writes each canonical CSV with the header its importer expects', () => {
    const files: Record<string, string> = {
      identities: 'identities.csv',
      systems: 'systems.csv',
      credentials: 'credentials.csv',
      entitlements: 'entitlements.csv',
      auth_events: 'auth_events.csv',
      networks: 'networks.csv',
    };
    for (const spec of CANONICAL_SPECS) {
      const header = line(firstDir, files[spec.kind], 1).split(',');
      const match = matchHeader(spec, header);
      expect(match.missing, spec.kind).toEqual([]);
      expect(Object.keys(match.columns).length, spec.kind).toBe(header.length);
    }
  });

  it('writes CloudTrail and Entra sign-in records in their real shapes, one JSON object per line', () => {
    const ct = fs.readFileSync(path.join(firstDir, 'cloudtrail.ndjson'), 'utf8').trimEnd().split('\n');
    for (const text of ct.filter((_, i) => i % 997 === 0)) {
      const r = JSON.parse(text);
      expect(r).toMatchObject({ eventVersion: expect.any(String), eventSource: expect.stringMatching(/\.amazonaws\.com$/), eventType: 'AwsApiCall' });
      expect(r.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(['IAMUser', 'AssumedRole']).toContain(r.userIdentity.type);
      expect(r.userIdentity.arn).toMatch(/^arn:aws:(iam|sts)::\d{12}:/);
      if (r.userIdentity.type === 'AssumedRole') expect(r.userIdentity.sessionContext.sessionIssuer.arn).toMatch(/^arn:aws:iam::\d{12}:role\//);
      else expect(r.userIdentity.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    }
    const entra = fs.readFileSync(path.join(firstDir, 'entra-signins.ndjson'), 'utf8').trimEnd().split('\n');
    for (const text of entra.filter((_, i) => i % 499 === 0)) {
      const r = JSON.parse(text);
      expect(['SignInLogs', 'ServicePrincipalSignInLogs']).toContain(r.category);
      expect(r).toMatchObject({ operationName: 'Sign-in activity', callerIpAddress: expect.any(String) });
      expect(r.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
      expect(r.properties.appId ?? r.properties.servicePrincipalId).toBeTruthy();
    }
  });

  it('plants every story: its inventory rows, and its events at the file and line ground truth gives', () => {
    expect(first.truth.stories.map((s) => s.id)).toEqual([...STORY_IDS]);
    const ids = new Set(csv(firstDir, 'identities.csv').map((r) => r.id));
    const systems = new Set(csv(firstDir, 'systems.csv').map((r) => r.id));
    const credentials = new Set(csv(firstDir, 'credentials.csv').map((r) => r.id));
    const entitlements = new Set(csv(firstDir, 'entitlements.csv').map((r) => `${r.principal} ${r.relation} ${r.target}`));
    const stored = new Set(csv(firstDir, 'credentials.csv').flatMap((r) => r.stored_in.split(';').map((s) => `${s} stores ${r.id}`)));
    for (const story of first.truth.stories) {
      for (const id of story.identities) expect(ids.has(id), `${story.id}: identity ${id}`).toBe(true);
      for (const id of story.credentials) expect(credentials.has(id), `${story.id}: credential ${id}`).toBe(true);
      for (const id of story.systems) expect(systems.has(id), `${story.id}: system ${id}`).toBe(true);
      for (const e of story.edges) {
        if (e.kind === 'authenticates') expect(credentials.has(e.src), `${story.id}: ${e.src}`).toBe(true);
        else if (e.kind === 'stores') expect(stored.has(`${e.src} stores ${e.dst}`), `${story.id}: ${e.src} stores ${e.dst}`).toBe(true);
        else expect(entitlements.has(`${e.src} ${e.kind} ${e.dst}`), `${story.id}: ${e.src} ${e.kind} ${e.dst}`).toBe(true);
      }
      if (story.id === 'orphaned-oauth-app') {
        expect(story.events.length).toBeGreaterThan(20);
      } else {
        expect(story.events.length, story.id).toBeGreaterThan(3);
      }
      for (const e of story.events) {
        const text = line(firstDir, e.file, e.line);
        expect(text, `${story.id} ${e.file}:${e.line}`).toContain(e.sourceIp);
        expect(text).toContain(e.time.slice(0, 16));
      }
    }
  });

  it('sends the Tor story from an address networks.csv classes as tor', () => {
    const tor = csv(firstDir, 'networks.csv')
      .filter((r) => r.class === 'tor')
      .map((r) => ipaddr.parseCIDR(r.cidr));
    const story = first.truth.stories.find((s) => s.id === 'tor-unrotated-key')!;
    expect(story.sourceIps.length).toBeGreaterThan(0);
    for (const ip of story.sourceIps)
      expect(
        tor.some((range) => ipaddr.parse(ip).match(range)),
        ip,
      ).toBe(true);
    const attack = story.events.filter((e) => story.sourceIps.includes(e.sourceIp) && e.action === 'GetObject' && e.outcome === 'success');
    expect(attack.length).toBeGreaterThan(10);
    expect(new Set(attack.map((e) => e.target))).toEqual(new Set([story.crownJewel]));
  });
});
