// The findings runner: stable ids, persistence, triage kept across re-runs and imports, rule filters,
// audit of analyst decisions, and validation of rule ids and statuses.
import { afterEach, describe, expect, it } from 'vitest';
import { caseWith } from '../fixtures/findings/build-case.ts';
import type { TestCase } from '../helpers.ts';

let t: TestCase | undefined;
afterEach(() => t?.close());

const rows = {
  identities: ['alice,Alice,human,,prod,active,2020-01-01,2024-05-30,okta,', 'svc-a,A,service_account,,prod,active,2022-01-01,2024-05-30,aws,'],
  credentials: ['K-OLD,svc-a,access_key,2022-01-01,,,2024-05-30,active,'],
};

describe('findings runner', () => {
  it('stores findings with stable ids and keeps triage across re-runs and new imports', async () => {
    t = await caseWith(rows);
    const run = await t.call('findings.run', {});
    expect(run.persisted).toBe(true);
    const first = await t.call('findings.list', {});
    expect(first.map((f) => f.rule).sort()).toEqual(['long-lived-secret', 'orphaned-identity']);
    const orphan = first.find((f) => f.rule === 'orphaned-identity')!;
    expect(orphan.status).toBe('open');
    expect(orphan.why).toMatch(/accountable/);

    const triage = await t.call('findings.triage', { id: orphan.id, status: 'accepted-risk', note: 'owned by platform team' });
    expect(triage.status).toBe('accepted-risk');
    await t.call('findings.run', {});
    await t.importText(
      'more.csv',
      'id,name,kind,owner,environment,status,created_at,last_used_at,provider,tags\nsvc-b,B,workload,,prod,active,2022-01-01,,k8s,\n',
    );
    await t.call('findings.run', {});
    const again = await t.call('findings.get', { id: orphan.id });
    expect(again.status).toBe('accepted-risk');
    expect(again.note).toBe('owned by platform team');
    expect((await t.call('findings.list', { rule: 'orphaned-identity' })).map((f) => f.subject).sort()).toEqual(['svc-a', 'svc-b']);
    expect((await t.call('findings.list', { status: 'accepted-risk' })).map((f) => f.id)).toEqual([orphan.id]);

    const audit = await t.call('case.audit', {});
    const entry = audit.find((a) => a.action === 'finding.triage');
    expect(entry?.detail).toMatchObject({ id: orphan.id, from: 'open', to: 'accepted-risk', note: 'owned by platform team' });
  });

  it("re-running one rule replaces only that rule's findings", async () => {
    t = await caseWith(rows);
    await t.call('findings.run', {});
    await t.call('findings.run', { rules: ['orphaned-identity'], thresholds: {} });
    expect((await t.call('findings.list', {})).map((f) => f.rule).sort()).toEqual(['long-lived-secret', 'orphaned-identity']);
    await t.call('findings.run', { rules: ['long-lived-secret'], thresholds: { 'long-lived-secret': { maxAgeDays: 100_000 } } });
    // Under a longer policy the key is no longer stale, and no expiry alone is not a finding: the rule's finding goes,
    // the other rule's stays.
    expect((await t.call('findings.list', {})).map((f) => f.rule)).toEqual(['orphaned-identity']);
  });

  it('rejects unknown rules, statuses and finding ids', async () => {
    t = await caseWith(rows);
    await expect(t.call('findings.run', { rules: ['nope'] })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(t.call('findings.run', { thresholds: { 'long-lived-secret': { maxAgeDayz: 3 } } })).rejects.toThrow(
      /unknown threshold long-lived-secret.maxAgeDayz \(known: maxAgeDays/,
    );
    await expect(t.call('findings.run', { thresholds: { nope: { x: 1 } } })).rejects.toMatchObject({ code: 'bad-request' });
    await t.call('findings.run', {});
    const [f] = await t.call('findings.list', {});
    await expect(t.call('findings.triage', { id: f.id, status: 'ignored' })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(t.call('findings.triage', { id: 'ffffffffffffffff', status: 'fixed' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('computes lifecycle metrics', async () => {
    t = await caseWith({
      ...rows,
      credentials: [
        ...rows.credentials,
        'K-SHORT,svc-a,token,2024-05-29,,2024-05-30T12:00:00Z,,active,',
        'K-NEW,svc-a,token,2024-05-01,,2024-07-01,,active,',
      ],
    });
    const m = await t.call('metrics.get', { asOf: '2024-05-30T00:00:00Z' });
    expect(m.credentials).toMatchObject({ total: 3, active: 3, rotationCoverage: 0.667, shortLivedShare: 0.333 });
    expect(m.credentials.medianAgeDays).toBe(29);
    expect(m.orphaned).toBe(1);
    expect(m.ownershipCoverage).toBe(0);
    expect(m.inventory.byKind).toEqual({ human: 1, service_account: 1 });
  });
});

describe('findings.page counts', () => {
  it('counts every finding by severity, rule, status and rule × severity, whatever the page size', async () => {
    t = await caseWith(rows);
    await t.call('findings.run', {});
    const all = await t.call('findings.list', {});
    await t.call('findings.triage', { id: all[0].id, status: 'false-positive', note: 'test' });
    const page = await t.call('findings.page', { limit: 1 });
    expect(page.rows).toHaveLength(1);
    expect(page.total).toBe(all.length);
    const tally = (key: (f: (typeof all)[number]) => string) =>
      all.reduce<Record<string, number>>((m, f) => ({ ...m, [key(f)]: (m[key(f)] ?? 0) + 1 }), {});
    expect(page.counts.severity).toEqual(tally((f) => f.severity));
    expect(page.counts.rule).toEqual(tally((f) => f.rule));
    expect(page.counts.status).toEqual({ ...(all.length > 1 ? { open: all.length - 1 } : {}), 'false-positive': 1 });
    const bySeverity: Record<string, Record<string, number>> = {};
    for (const f of all) (bySeverity[f.rule] ??= {})[f.severity] = (bySeverity[f.rule]?.[f.severity] ?? 0) + 1;
    expect(page.counts.ruleSeverity).toEqual(bySeverity);
    // Incidents and posture: the two kinds partition the findings, and the page counts them.
    const kinds = tally((f) => f.kind);
    expect(page.counts.kind).toEqual(kinds);
    for (const kind of ['incident', 'posture'] as const) {
      const only = await t.call('findings.page', { filter: { kind }, limit: 1000 });
      expect(only.total).toBe(kinds[kind] ?? 0);
      expect(only.rows.every((r) => all.find((f) => f.id === r.id)?.kind === kind)).toBe(true);
    }
  });
});

describe('findings answers kept between calls', () => {
  it('page, queue and groups follow a triage and a new run in the same session', async () => {
    t = await caseWith(rows);
    await t.call('findings.run', {});
    const before = await t.call('findings.page', { limit: 10 });
    expect(before.counts.status.open).toBe(before.total);
    await t.call('findings.triage', { id: before.rows[0].id, status: 'accepted-risk', note: 'kept' });
    const after = await t.call('findings.page', { limit: 10 });
    expect(after.counts.status['accepted-risk']).toBe(1);
    expect(after.rows.find((r) => r.id === before.rows[0].id)?.status).toBe('accepted-risk');
    await t.call('findings.run', { rules: ['orphaned-identity'] });
    const groups = await t.call('findings.groups', {});
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe((await t.call('findings.list', {})).filter((f) => f.kind === 'posture').length);
    // memberLimit lists at most that many members of every group and still counts them all; the kept answer is not cut.
    expect(groups.some((g) => g.members.length > 0)).toBe(true);
    const none = await t.call('findings.groups', { memberLimit: 0 });
    expect(none.map((g) => [g.id, g.count, g.members.length])).toEqual(groups.map((g) => [g.id, g.count, 0]));
    expect((await t.call('findings.groups', { memberLimit: 1 })).map((g) => g.members)).toEqual(groups.map((g) => g.members.slice(0, 1)));
    expect(await t.call('findings.groups', {})).toEqual(groups);
  });
});
