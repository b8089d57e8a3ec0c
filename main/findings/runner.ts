// Runs the detectors over a case and stores what they find. Findings of the rules run are replaced;
// triage lives in its own table keyed by the stable finding id, so decisions survive every re-run.
import { readableTitles } from './readable-title.ts';
import { ApiError } from '../../shared/api/contract.ts';
import type { Finding, FindingsRun } from '../../shared/api/findings.ts';
import { RULE_IDS, RULES, type RuleId } from '../../shared/catalogs/rules.ts';
import { SEVERITIES, type Severity } from '../../shared/model.ts';
import type { AnalysisGraph } from '../graph/index.ts';
import { NetworkIntel } from '../intel/network-intel.ts';
import { listLists } from '../intel/list-store.ts';
import { hasIntelTables } from '../intel/network-intel.ts';
import type { CaseFile } from '../store/case-file.ts';
import { blastLookup, type BlastLookup } from './blast.ts';
import { CaseData } from './case-data.ts';
import { DETECTORS } from './detectors/index.ts';
import { findingId } from './finding-id.ts';
import { scoreOf, severityRank } from './severity.ts';
import { applySeverityPolicy, compromisedKeys } from './severity-policy.ts';
import { findingHeads, replaceFindings } from '../store/findings-table.ts';
import { investigateQueue } from './investigate-queue.ts';
import { postureGroups } from './posture-groups.ts';
import { runWatches } from './shared-pass.ts';
import type { DetectContext, EventWatch, FindingDraft, Thresholds } from './types.ts';
import { resolveAsOf, WINDOW_DEFAULTS, windowsFor } from './windows.ts';

export interface RunOptions {
  asOf?: string;
  rules?: RuleId[];
  persist?: boolean;
  thresholds?: Record<string, Thresholds>;
  /** The analysis graph (cached by the session); null or absent = rules needing reach say they could not run. */
  graph?: () => AnalysisGraph | null;
  intel?: () => NetworkIntel;
}

export function runFindings(kase: CaseFile, options: RunOptions = {}): FindingsRun {
  checkThresholds(options.thresholds);
  const asOf = resolveAsOf(kase, options.asOf);
  const windowThresholds = { ...WINDOW_DEFAULTS, ...options.thresholds?.windows };
  const intel = memo(options.intel ?? (() => NetworkIntel.forCase(kase)));
  const data = new CaseData(kase, intel);
  const warnings: string[] = [];
  if (asOf.basis !== 'case' && asOf.basis !== 'given') warnings.push(`as-of time: ${asOf.basis}`);
  const blast = memo((): BlastLookup | null => {
    try {
      const graph = options.graph ? options.graph() : null;
      return graph ? blastLookup(kase, graph) : null;
    } catch (err) {
      warnings.push(`the analysis graph could not be built: ${(err as Error).message}`);
      return null;
    }
  });
  const ctx: DetectContext = {
    data,
    asOf: asOf.ms,
    window: windowsFor(asOf.ms, windowThresholds, data.eventSpan()?.from),
    get blast() {
      return blast();
    },
  };
  if (hasIntelTables(kase)) for (const l of listLists(kase)) if (l.stale) warnings.push(l.stale);

  const rules = options.rules?.length ? options.rules : [...RULE_IDS];
  const compromised = compromisedKeys(data);
  const asOfIso = new Date(asOf.ms).toISOString();
  const findings: Finding[] = [];
  const perRule: FindingsRun['rules'] = [];
  const take = (rule: RuleId, drafts: FindingDraft[], ms: number, skipped: string | null, shared?: number) => {
    const seen = new Set<string>();
    for (const draft of drafts) {
      const d = applySeverityPolicy(rule, draft, data, ctx.blast, compromised);
      const f = toFinding(rule, d, asOfIso);
      if (seen.has(f.id)) continue; // one finding per rule, subject and key
      seen.add(f.id);
      findings.push(f);
    }
    perRule.push({
      rule,
      findings: seen.size,
      ms: Math.round(ms),
      ...(skipped ? { skipped } : {}),
      ...(shared !== undefined ? { sharedPassMs: Math.round(shared) } : {}),
    });
  };
  // Behavioural rules share one pass over the events (shared-pass.ts); the others run one by one.
  const watched: { rule: RuleId; watch: EventWatch; ms: number }[] = [];
  for (const detector of DETECTORS.filter((d) => rules.includes(d.rule))) {
    const started = performance.now();
    const skipped = detector.cannotRun?.(ctx) ?? null;
    const t = { ...detector.defaults, ...options.thresholds?.[detector.rule] };
    if (!skipped && detector.watch) {
      watched.push({ rule: detector.rule, watch: detector.watch(ctx, t), ms: performance.now() - started });
      continue;
    }
    const drafts = skipped ? [] : detector.detect(ctx, t);
    take(detector.rule, drafts, performance.now() - started, skipped);
  }
  if (watched.length) {
    const { drafts, passMs, finishMs } = runWatches(
      data,
      watched.map((w) => w.watch),
    );
    // Each rule's own time, plus the shared pass it took part in (reported beside it, once per run).
    watched.forEach((w, i) => take(w.rule, drafts[i]!, w.ms + finishMs[i]!, null, passMs));
    const order = new Map(DETECTORS.map((d, i) => [d.rule, i]));
    perRule.sort((a, b) => order.get(a.rule as RuleId)! - order.get(b.rule as RuleId)!);
  }
  findings.sort(
    (a, b) =>
      kindRank(a) - kindRank(b) ||
      b.score - a.score ||
      severityRank(b.severity) - severityRank(a.severity) ||
      a.rule.localeCompare(b.rule) ||
      a.subject.localeCompare(b.subject),
  );

  readableTitles(kase, findings);
  const persist = options.persist !== false && !kase.readOnly;
  if (persist) replaceFindings(kase, rules, findings, asOfIso);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) bySeverity[f.severity]++;
  const w = ctx.window;
  return {
    asOf: asOfIso,
    window: { from: iso(w.from), to: iso(w.to), baselineFrom: iso(w.baselineFrom), baselineTo: iso(w.baselineTo) },
    persisted: persist,
    rules: perRule,
    bySeverity,
    total: findings.length,
    warnings,
    ...(persist ? {} : { findings }),
  };
}

/** Incidents before posture at equal standing: what happened comes before what could. */
function kindRank(f: Finding): number {
  return f.kind === 'incident' ? 0 : 1;
}

/** The investigate-first queue and the posture groups, from the findings stored in the case. */
export function findingsQueue(kase: CaseFile, options: Pick<RunOptions, 'graph' | 'intel'>, limit?: number) {
  const data = new CaseData(kase, memo(options.intel ?? (() => NetworkIntel.forCase(kase))));
  const graph = options.graph?.() ?? null;
  return investigateQueue(findingHeads(kase), data, graph ? blastLookup(kase, graph) : null, limit);
}

export function findingsGroups(kase: CaseFile, options: Pick<RunOptions, 'graph' | 'intel'>, rule?: string) {
  const data = new CaseData(kase, memo(options.intel ?? (() => NetworkIntel.forCase(kase))));
  const graph = options.graph?.() ?? null;
  const all = findingHeads(kase);
  return postureGroups(rule ? all.filter((f) => f.rule === rule) : all, data, graph ? blastLookup(kase, graph) : null);
}

/** Unknown rules or threshold names are refused, so a typo never silently runs the defaults. */
function checkThresholds(thresholds: Record<string, Thresholds> | undefined): void {
  for (const [rule, values] of Object.entries(thresholds ?? {})) {
    const defaults = rule === 'windows' ? WINDOW_DEFAULTS : DETECTORS.find((d) => d.rule === rule)?.defaults;
    if (!defaults) throw new ApiError('bad-request', `unknown rule in thresholds: ${rule} (rules: ${RULE_IDS.join(', ')}, or windows)`);
    for (const [name, value] of Object.entries(values)) {
      if (!Object.prototype.hasOwnProperty.call(defaults, name)) {
        throw new ApiError('bad-request', `unknown threshold ${rule}.${name} (known: ${Object.keys(defaults).join(', ') || 'none'})`);
      }
      if (!Number.isFinite(value) || value < 0) throw new ApiError('bad-request', `threshold ${rule}.${name} must be a number ≥ 0`);
    }
  }
}

function toFinding(rule: RuleId, d: FindingDraft, asOf: string): Finding {
  const info = RULES[rule];
  return {
    id: findingId(rule, d.subject, d.key),
    rule,
    kind: info.kind,
    severity: d.severity,
    subject: d.subject,
    title: d.title,
    score: scoreOf(d.severity, d.scoreAdjust),
    status: 'open',
    asOf,
    why: info.why,
    severityBecause: d.severityBecause,
    frameworks: [...info.frameworks],
    window: d.window ?? null,
    // The window travels with the evidence too, so every export of a behavioural finding shows it.
    evidence: d.window ? [...d.evidence, { type: 'fact', name: 'window', value: d.window }] : d.evidence,
    note: null,
    triagedBy: null,
    triagedAt: null,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function memo<T>(fn: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = fn();
      done = true;
    }
    return value;
  };
}
