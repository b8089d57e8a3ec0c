// The demo case end to end: generate, import through the real importers, then find every planted story
// through the graph engine (blast radius, attack paths) and the findings rules, as an analyst would.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingSummary } from '../../shared/api/findings.ts';
import { buildDemoCase, type DemoCaseResult } from '../../main/demo/build-demo-case.ts';
import { IMPORTERS } from '../../main/ingest/registry.ts';
import { TestCase, tmpDir } from '../helpers.ts';

let dir: string;
let built: DemoCaseResult;
let t: TestCase;
let findings: FindingSummary[];

beforeAll(async () => {
  dir = tmpDir('blastmap-demo-case-');
  const casePath = path.join(dir, 'demo.blastmap');
  built = await buildDemoCase(casePath, { outDir: path.join(dir, 'files') });
  t = new TestCase(dir);
  await t.call('case.open', { path: casePath });
  // Only the rules the stories name: the rest run in the findings suites, and would just cost time here.
  const rules = [...new Set(built.truth.stories.flatMap((s) => s.expectedFindings))];
  await t.call('findings.run', { rules });
  findings = await t.call('findings.list', { limit: 1_000_000 });
}, 180_000);

afterAll(() => {
  t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('demo case', () => {
  it('imports every generated file with its real importer, rejecting nothing', async () => {
    const formats = new Set(IMPORTERS.map((i) => i.name));
    expect(formats.has('cloudtrail') && formats.has('entra-signin')).toBe(true);
    expect(built.notImported).toEqual([]);
    expect(built.sources.map((s) => s.format).sort()).toEqual([
      'auth-events-csv',
      'cloudtrail',
      'credentials-csv',
      'entitlements-csv',
      'entra-signin',
      'identities-csv',
      'networks-csv',
      'systems-csv',
    ]);
    for (const s of built.sources) expect(s.rejected, s.file).toBe(0);
    const info = await t.call('case.info', {});
    expect(info.authEvents).toBe(built.truth.counts.events);
    expect(Date.parse(info.asOf!)).toBeLessThanOrEqual(Date.parse(built.truth.asOf));
    expect(Date.parse(info.asOf!)).toBeGreaterThan(Date.parse(built.truth.asOf) - 86_400_000);
  });

  it('keeps every attack event of the stories, from the addresses ground truth names', () => {
    const inCase = t.db
      .prepare('SELECT count(*) FROM auth_event e LEFT JOIN term t ON t.id = e.ip WHERE COALESCE(address_text(e.ip), t.value) = ?')
      .pluck();
    const withAddresses = built.truth.stories.filter((s) => s.sourceIps.length);
    expect(withAddresses.length).toBeGreaterThanOrEqual(3);
    for (const story of withAddresses) {
      for (const ip of story.sourceIps) {
        const planted = story.events.filter((e) => e.sourceIp === ip).length;
        expect(planted, `${story.id} ${ip}`).toBeGreaterThan(0);
        expect(inCase.get(ip), `${story.id} ${ip}`).toBe(planted);
      }
    }
  });

  it('completes identities seen in the logs with the inventory (an Entra sign-in cannot tell a service account)', () => {
    const subkind = t.db.prepare('SELECT subkind FROM node WHERE key = ?').pluck();
    for (const story of built.truth.stories) {
      expect(subkind.get(story.entry), story.entry).toMatch(/service_account|ci_token|oauth_app|ai_agent/);
    }
  });

  it('reaches what each story reaches: blast radius of its entry and an attack path to its crown jewel', async () => {
    for (const story of built.truth.stories) {
      const target = story.expectedPath[story.expectedPath.length - 1];
      const blast = await t.call('graph.blastRadius', { ids: [story.entry] });
      const row = blast.reach.find((r) => r.id === target);
      expect(row, `${story.id}: ${story.entry} reaches ${target}`).toBeDefined();
      if (!story.crownJewel) continue;
      expect(blast.summary.crownJewels, story.id).toContain(story.crownJewel);
      const paths = await t.call('graph.paths', { from: [story.entry], to: [story.crownJewel], k: 3 });
      const followed = paths.find((p) =>
        story.expectedPath.every((n, i) => p.nodes.indexOf(n) >= i && (i === 0 || p.nodes.indexOf(n) > p.nodes.indexOf(story.expectedPath[i - 1]))),
      );
      expect(followed, `${story.id}: path ${story.expectedPath.join(' → ')}`).toBeDefined();
    }
  });

  it('shows the attack as exercised on the leaked CI token path: the role assumption from the attacker address', async () => {
    const story = built.truth.stories.find((s) => s.id === 'leaked-ci-token')!;
    const [path0] = await t.call('graph.paths', { from: [story.entry], to: [story.crownJewel!], k: 1, eventsPerHop: 100 });
    const assume = path0.hops.find((h) => h.edge === 'can_assume');
    expect(assume?.evidence.some((e) => e.type === 'event' && e.sourceIp === story.sourceIps[0])).toBe(true);
  });

  it("raises the findings each story should raise, on the story's own identities", () => {
    for (const story of built.truth.stories) {
      const subjects = new Set([...story.identities, ...story.credentials]);
      for (const rule of story.expectedFindings) {
        const hit = findings.find((f) => f.rule === rule && subjects.has(f.subject));
        expect(hit, `${story.id}: ${rule}`).toBeDefined();
      }
    }
    const tor = built.truth.stories.find((s) => s.id === 'tor-unrotated-key')!;
    const anon = findings.find((f) => f.rule === 'anonymous-network' && f.subject === tor.entry)!;
    expect(anon.title).toMatch(/tor/);
  });
});
