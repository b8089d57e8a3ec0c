// Collects everything the case report shows, through the same API the app uses. It never changes the
// case: when no findings were persisted yet, they are computed in memory for the report only.
import type { AuditRow, CaseInfo, SourceRow } from '../../../shared/api/case.ts';
import type { Method, Result } from '../../../shared/api/contract.ts';
import type { Finding, Metrics } from '../../../shared/api/findings.ts';
import type { AttackPath, BlastRadiusResult, ChokepointsResult, MarkResult } from '../../../shared/api/graph.ts';

export type Call = <M extends Method>(method: M, params: unknown) => Promise<Result<M>>;

export interface ReportData {
  generatedAt: string;
  info: CaseInfo;
  sources: SourceRow[];
  findings: Finding[];
  findingsPersisted: boolean;
  metrics: Metrics | null;
  paths: AttackPath[];
  marks: MarkResult[];
  compromised: BlastRadiusResult[];
  chokepoints: ChokepointsResult | null;
  audit: AuditRow[];
  warnings: string[];
}

export async function gatherReport(call: Call): Promise<ReportData> {
  const warnings: string[] = [];
  const attempt = async <T>(what: string, fn: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      warnings.push(`${what}: ${(e as Error).message}`);
      return fallback;
    }
  };
  const info = await call('case.info', {});
  const sources = await call('case.sources', {});
  let findings = await attempt('findings', () => call('findings.list', {}), [] as Finding[]);
  let findingsPersisted = true;
  if (!findings.length) {
    const run = await attempt('findings', () => call('findings.run', { persist: false }), null);
    findings = run?.findings ?? [];
    findingsPersisted = false;
  }
  const metrics = await attempt('metrics', () => call('metrics.get', {}), null);
  const paths = await attempt(
    'attack paths',
    () => call('graph.paths', { from: ['@entry'], to: ['@crown'], k: 5, eventsPerHop: 3 }),
    [] as AttackPath[],
  );
  const marks = await attempt('marks', () => call('graph.marks', {}), [] as MarkResult[]);
  const compromised: BlastRadiusResult[] = [];
  for (const m of marks.filter((x) => x.mark === 'compromised').slice(0, 10)) {
    const r = await attempt(`blast radius of ${m.id}`, () => call('graph.blastRadius', { ids: [m.id], limit: 25 }), null);
    if (r) compromised.push(r);
  }
  const chokepoints = await attempt('choke points', () => call('graph.chokepoints', { limit: 10 }), null);
  const audit = await call('case.audit', { limit: 500 });
  return {
    generatedAt: new Date().toISOString(),
    info,
    sources,
    findings,
    findingsPersisted,
    metrics,
    paths,
    marks,
    compromised,
    chokepoints,
    audit,
    warnings,
  };
}
