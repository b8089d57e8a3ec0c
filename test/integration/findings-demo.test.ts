// The findings engine on the demo enterprise (main/demo): every planted breach story is flagged by the
// rules its ground truth names, on a realistic mix of inventories, CloudTrail and Entra logs — and
// temporary STS session keys are not reported as long-lived secrets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/api/findings.ts';
import { buildDemoCase, type GroundTruth } from '../../main/demo/index.ts';
import { TestCase, tmpDir } from '../helpers.ts';

describe('findings on the demo enterprise', { timeout: 600_000 }, () => {
  let t: TestCase;
  let truth: GroundTruth;
  let findings: Finding[];
  beforeAll(async () => {
    t = new TestCase(tmpDir());
    truth = (await buildDemoCase(t.path)).truth;
    await t.call('case.open', { path: t.path });
    const run = await t.call('findings.run', { persist: false });
    findings = run.findings ?? [];
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

  it('does not call temporary session credentials long-lived', () => {
    expect(findings.filter((f) => f.rule === 'long-lived-secret' && /^ASIA/.test(f.subject))).toEqual([]);
    expect(findings.some((f) => f.rule === 'long-lived-secret')).toBe(true);
  });
});
