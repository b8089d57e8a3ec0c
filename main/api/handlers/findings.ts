// Handlers for identity-risk findings, triage and lifecycle metrics.
import type { FindingsResults } from '../../../shared/api/findings.ts';
import { computeMetrics } from '../../findings/metrics.ts';
import { findingsGroups, findingsQueue, runFindings } from '../../findings/runner.ts';
import { findingsOrder, getFinding, listFindings, pageFindings, triageFinding, triageMany } from '../../store/findings-table.ts';
import { graphOf } from '../../graph/index.ts';
import { derivedAnswer } from '../../store/derived-cache.ts';
import type { Handler } from '../session.ts';
import { caseIntel } from './intel.ts';

/** Bumped whenever computeMetrics() says something different from the same facts. */
const METRICS_VERSION = 1;
/** Bumped whenever findingsQueue() ranks differently from the same facts and findings. */
const QUEUE_VERSION = 1;

type FindingsHandlers = { [M in keyof FindingsResults]: Handler<M> };

export const findingsHandlers: FindingsHandlers = {
  'findings.run': (p, s) =>
    runFindings(s.requireCase(), {
      asOf: p.asOf,
      rules: p.rules,
      persist: p.persist,
      thresholds: p.thresholds,
      graph: () => graphOf(s),
      intel: () => caseIntel(s),
    }),
  'findings.list': (p, s) => listFindings(s.requireCase(), p),
  'findings.get': (p, s) => getFinding(s.requireCase(), p.id),
  // The order and counts of a filter are kept until the next findings run, triage or mark: sorting the findings
  // (their evidence inline) is what costs; each page then reads only its own rows.
  'findings.page': (p, s) =>
    pageFindings(
      s.requireCase(),
      p.filter ?? {},
      p.offset,
      p.limit,
      s.cachedUntilAudit(`findings.order:${JSON.stringify(p.filter ?? {})}`, (kase) => findingsOrder(kase, p.filter ?? {})),
    ),
  'findings.triageMany': (p, s) => triageMany(s.requireWritable(), { ids: p.ids, filter: p.filter }, p.status, p.note ?? null),
  'findings.triage': (p, s) => triageFinding(s.requireWritable(), p.id, p.status, p.note ?? null),
  // Kept in the case like the Overview (one pass over every event): the Overview screen asks for it on every visit.
  'metrics.get': (p, s) =>
    p.asOf
      ? computeMetrics(s.requireCase(), () => caseIntel(s), p.asOf)
      : s.cached('metrics.get', (kase) => derivedAnswer(kase, 'metrics', METRICS_VERSION, () => computeMetrics(kase, () => caseIntel(s)))),
  // The Overview's first content: kept in the case file too, so a new session shows it without building the graph.
  'findings.queue': (p, s) =>
    s.cachedUntilAudit(`findings.queue:${p.limit ?? ''}`, (kase) =>
      derivedAnswer(
        kase,
        `findingsQueue:${p.limit ?? ''}`,
        QUEUE_VERSION,
        () => findingsQueue(kase, { graph: () => graphOf(s), intel: () => caseIntel(s) }, p.limit),
        {
          audit: true,
        },
      ),
    ),
  'findings.groups': (p, s) => {
    const groups = s.cachedUntilAudit(`findings.groups:${p.rule ?? ''}`, (kase) =>
      findingsGroups(kase, { graph: () => graphOf(s), intel: () => caseIntel(s) }, p.rule),
    );
    const limit = p.memberLimit;
    return limit === undefined ? groups : groups.map((g) => (g.members.length > limit ? { ...g, members: g.members.slice(0, limit) } : g));
  },
};
