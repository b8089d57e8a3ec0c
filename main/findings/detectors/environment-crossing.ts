// environment-crossing: an identity of one environment that reaches systems of another (e.g. staging → prod).
// Reaching up (towards production) is worse than reaching down.
import { fact, nodeEvidence } from '../evidence.ts';
import { isActive } from '../lifecycle.ts';
import type { Detector, FindingDraft } from '../types.ts';
import type { Severity } from '../../../shared/model.ts';

const RANK: Record<string, number> = {
  prod: 3,
  production: 3,
  prd: 3,
  live: 3,
  staging: 2,
  stage: 2,
  stg: 2,
  uat: 2,
  preprod: 2,
  'pre-prod': 2,
  dev: 1,
  development: 1,
  test: 1,
  testing: 1,
  qa: 1,
  sandbox: 1,
  lab: 1,
};
const CANONICAL: Record<string, string> = {
  production: 'prod',
  prd: 'prod',
  live: 'prod',
  stage: 'staging',
  stg: 'staging',
  development: 'dev',
  testing: 'test',
};
/** Environments meant to be reached from everywhere. */
const SHARED = new Set(['shared', 'global', 'common', 'all', 'any']);

export function canonicalEnvironment(env: string | null): string | null {
  if (!env) return null;
  const e = env.trim().toLowerCase();
  return e ? (CANONICAL[e] ?? e) : null;
}

export const environmentCrossing: Detector = {
  rule: 'environment-crossing',
  defaults: { maxListed: 20 },
  cannotRun({ blast }) {
    return blast ? null : 'the analysis graph is not available';
  },
  detect({ data, blast }, t) {
    if (!blast) return [];
    const out: FindingDraft[] = [];
    for (const n of data.identities()) {
      const home = canonicalEnvironment(n.environment);
      if (!home || SHARED.has(home) || !isActive(n) || n.unresolved) continue;
      const byEnv = new Map<string, { key: string; privilege: string | null; path: string[] }[]>();
      for (const s of blast.systems(n.key)) {
        const env = canonicalEnvironment(data.nodeByKeyOf(s.key)?.environment ?? null);
        if (!env || env === home || SHARED.has(env)) continue;
        const list = byEnv.get(env) ?? [];
        if (list.length < t.maxListed) list.push({ key: s.key, privilege: s.privilege, path: s.path() });
        byEnv.set(env, list);
      }
      for (const [env, systems] of byEnv) {
        const up = (RANK[env] ?? 0) > (RANK[home] ?? 0) && RANK[home] !== undefined;
        const writes = systems.some((s) => s.privilege === 'write' || s.privilege === 'admin');
        const severity: Severity = up ? (writes ? 'high' : 'medium') : RANK[env] === undefined || RANK[home] === undefined ? 'medium' : 'low';
        out.push({
          subject: n.key,
          key: env,
          severity,
          severityBecause: up
            ? `a ${home} identity reaches ${env}${writes ? ' with write or admin' : ' (read only)'}: a ${home} compromise reaches ${env}`
            : severity === 'low'
              ? `it reaches a less protected environment (${env}) only`
              : 'the environments are not ranked; crossing is still a broken boundary',
          title: `${n.subkind ?? 'identity'} ${n.key} (${home}) has access into ${env}: ${systems.map((s) => `${s.key} (${s.privilege})`).join(', ')}`,
          evidence: [
            nodeEvidence(n),
            ...systems.map((s) => fact('reach', { system: s.key, environment: env, privilege: s.privilege, path: s.path })),
          ],
        });
      }
    }
    return out;
  },
};
