// Handlers for identity-risk findings, triage and lifecycle metrics.
import type { FindingsResults } from '../../../shared/api/findings.ts';
import { computeMetrics } from '../../findings/metrics.ts';
import { findingsGroups, findingsQueue, runFindings } from '../../findings/runner.ts';
import { getFinding, listFindings, pageFindings, triageFinding, triageMany } from '../../findings/store.ts';
import { graphOf } from '../../graph/index.ts';
import { derivedAnswer } from '../../store/derived-cache.ts';
import type { Handler } from '../session.ts';
import { caseIntel } from './intel.ts';

/** Bumped whenever computeMetrics() says something different from the same facts. */
const METRICS_VERSION = 1;

type FindingsHandlers = { [M in keyof FindingsResults]: Handler<M> };

export const findingsHandlers: FindingsHandlers = {
  'findings.run': (p, s) => runFindings(s.requireCase(), {
    asOf: p.asOf, rules: p.rules, persist: p.persist, thresholds: p.thresholds,
    graph: () => graphOf(s), intel: () => caseIntel(s),
  }),
  'findings.list': (p, s) => listFindings(s.requireCase(), p),
  'findings.get': (p, s) => getFinding(s.requireCase(), p.id),
  'findings.page': (p, s) => pageFindings(s.requireCase(), p.filter ?? {}, p.offset, p.limit),
  'findings.triageMany': (p, s) => triageMany(s.requireWritable(), { ids: p.ids, filter: p.filter }, p.status, p.note ?? null),
  'findings.triage': (p, s) => triageFinding(s.requireWritable(), p.id, p.status, p.note ?? null),
  // Kept in the case like the Overview (one pass over every event): the Overview screen asks for it on every visit.
  'metrics.get': (p, s) => p.asOf ? computeMetrics(s.requireCase(), () => caseIntel(s), p.asOf)
    : s.cached('metrics.get', (kase) => derivedAnswer(kase, 'metrics', METRICS_VERSION, () => computeMetrics(kase, () => caseIntel(s)))),
  'findings.queue': (p, s) => findingsQueue(s.requireCase(), { graph: () => graphOf(s), intel: () => caseIntel(s) }, p.limit),
  'findings.groups': (p, s) => findingsGroups(s.requireCase(), { graph: () => graphOf(s), intel: () => caseIntel(s) }, p.rule),
};
