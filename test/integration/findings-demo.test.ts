// The findings engine on the demo enterprise (main/demo): every planted breach story is flagged by the
// rules its ground truth names, on a realistic mix of inventories, CloudTrail and Entra logs — and
// temporary STS session keys are not reported as long-lived secrets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/api/findings.ts';
import { buildDemoCase, type GroundTruth } from '../../main/demo/index.ts';
import { TestCase, tmpDir } from '../helpers.ts';
import { entryPointsOf } from '../../main/api/entry-points.ts';
import { graphOf } from '../../main/graph/index.ts';

describe('findings on the demo enterprise', { timeout: 600_000 }, () => {
  let t: TestCase;
  let truth: GroundTruth;
  let findings: Finding[];
  beforeAll(async () => {
    t = new TestCase(tmpDir());
    truth = (await buildDemoCase(t.path)).truth;
    await t.call('case.open', { path: t.path });
    await t.call('findings.run', {});
    findings = await t.call('findings.list', {});
  }, 600_000);
  afterAll(() => t?.close());

  it('flags every story with the rules its ground truth expects', () => {
    expect(truth.stories.length).toBeGreaterThan(0);
    for (const story of truth.stories) {
      const subjects = new Set([...story.identities, ...story.credentials]);
      for (const rule of story.expectedFindings) {
        const hit = findings.find((f) => f.rule === rule && subjects.has(f.subject));
        expect(hit, `${story.id}: ${rule}`).toBeDefined();
      }
    }
  });

  it('routine use of the corporate VPN by non-human identities raises no anonymous-network or new-network finding', () => {
    // 192.0.2.0/24 is the demo's declared corporate VPN egress (main/demo/networks.ts).
    const fromVpn = t.db
      .prepare(
        `SELECT DISTINCT i.key, i.subkind FROM auth_event e JOIN node i ON i.id = e.identity LEFT JOIN term ip ON ip.id = e.ip
      WHERE COALESCE(address_text(e.ip), ip.value) LIKE '192.0.2.%'`,
      )
      .all() as { key: string; subkind: string | null }[];
    const machines = fromVpn.filter((r) => r.subkind && !['human', 'group', 'role'].includes(r.subkind)).map((r) => r.key);
    expect(machines.length).toBeGreaterThan(5);
    const flagged = findings.filter((f) => (f.rule === 'anonymous-network' || f.rule === 'new-network') && machines.includes(f.subject));
    expect(flagged.map((f) => `${f.rule} ${f.subject}`)).toEqual([]);
  });

  it('puts the three planted incidents on top of the investigate-first queue, from the ground truth', async () => {
    const incidents = ['leaked-ci-token', 'tor-unrotated-key', 'password-spray'];
    const queue = await t.call('findings.queue', { limit: 20 });
    const top = queue.slice(0, 3).map((q) => truth.stories.find((s) => s.identities.includes(q.identity))?.id);
    expect(top.sort()).toEqual([...incidents].sort());
    for (const q of queue.slice(0, 3)) expect(q.reason.length).toBeGreaterThan(20);
    // Nothing else comes close: the fourth is a spray victim without success, far behind.
    expect(queue[3].score).toBeLessThan(queue[2].score / 2);
  });

  it('keeps critical for incidents that reach a crown jewel or admin, and posture in tens of groups', async () => {
    const critical = findings.filter((f) => f.severity === 'critical');
    expect(critical.length).toBeGreaterThan(0);
    expect(critical.length).toBeLessThanOrEqual(25);
    expect(critical.every((f) => f.kind === 'incident')).toBe(true);
    const groups = await t.call('findings.groups', {});
    expect(groups.length).toBeLessThanOrEqual(100);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(findings.filter((f) => f.kind === 'posture').length);
    // The two planted posture stories lead their groups.
    const orphaned = truth.stories.find((s) => s.id === 'orphaned-oauth-app')!;
    const agent = truth.stories.find((s) => s.id === 'overprivileged-ai-agent')!;
    const groupOf = (rule: string, subject: string) => groups.find((g) => g.rule === rule && g.members.some((m) => m.subject === subject))!;
    expect(groupOf('orphaned-identity', orphaned.identities[0]).members[0].subject).toBe(orphaned.identities[0]);
    expect(groupOf('excessive-privilege', agent.identities[0]).members[0].subject).toBe(agent.identities[0]);
  });

  it('makes @entry the incident subjects only, and finds the planted breach paths first', async () => {
    const incidents3 = ['leaked-ci-token', 'tor-unrotated-key', 'password-spray'];
    const posture = new Set(findings.filter((f) => f.kind === 'posture').map((f) => f.subject));
    const incidentSubjects = new Set(findings.filter((f) => f.kind === 'incident').map((f) => f.subject));
    const paths = await t.call('graph.paths', { from: ['@entry'], to: ['@crown'], k: 2 });
    expect(paths.length).toBe(2);
    for (const p of paths) expect(incidentSubjects.has(p.nodes[0])).toBe(true);
    const planted = new Set(['leaked-ci-token', 'tor-unrotated-key'].map((id) => truth.stories.find((s) => s.id === id)!.identities[0]));
    expect(new Set(paths.map((p) => p.nodes[0]))).toEqual(planted);
    // @entry holds the subjects (or credential holders) of incident findings, and no identity known only to posture.
    const graph = graphOf(t.session);
    const entries = entryPointsOf(t.session.requireCase(), graph).map((i) => graph.keys[i]);
    expect(entries.length).toBeGreaterThan(3);
    const holders = new Set(findings.filter((f) => f.kind === 'incident').map((f) => f.subject));
    for (const story of truth.stories.filter((x) => incidents3.includes(x.id))) expect(entries).toContain(story.identities[0]);
    const postureOnly = [...posture].filter((k) => !holders.has(k) && graph.indexOf(k) !== undefined);
    expect(postureOnly.length).toBeGreaterThan(1000);
    expect(entries.filter((k) => postureOnly.includes(k) && !holders.has(k))).toEqual([]);
  });

  it('does not call temporary session credentials long-lived', () => {
    expect(findings.filter((f) => f.rule === 'long-lived-secret' && /^ASIA/.test(f.subject))).toEqual([]);
    expect(findings.some((f) => f.rule === 'long-lived-secret')).toBe(true);
  });
});
