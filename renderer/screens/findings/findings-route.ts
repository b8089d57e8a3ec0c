// The Findings screen's state in its route (#/findings/<finding id>?severity=high&rule=…): the filter and the
// finding open beside the list survive Back/Forward, a reload and switching screens. Each field is checked
// against the API's own filter schema; one that does not fit is dropped, never sent.
import { findingFilter, type FindingFilterSpec } from '../../../shared/api/findings.ts';
import type { Route, RouteParams } from '../../state/route.ts';

const FIELDS = ['rule', 'severity', 'status', 'text', 'kind'] as const;

export function parseFindingsFilter(query: Route['query']): FindingFilterSpec {
  const p = new URLSearchParams(query);
  const filter: Record<string, string> = {};
  for (const k of FIELDS) {
    const v = p.get(k);
    if (v && findingFilter.shape[k].safeParse(v).success) filter[k] = v;
  }
  return filter as FindingFilterSpec;
}

export function findingsParams(filter: FindingFilterSpec, view: FindingsView = 'list'): RouteParams {
  return {
    rule: filter.rule,
    severity: filter.severity,
    status: filter.status,
    text: filter.text,
    kind: filter.kind,
    view: view === 'list' ? undefined : view,
  };
}

/** The list of every finding, or posture findings grouped by rule and kind of subject (`?view=groups`). */
export type FindingsView = 'list' | 'groups';

export function parseFindingsView(query: Route['query']): FindingsView {
  return new URLSearchParams(query).get('view') === 'groups' ? 'groups' : 'list';
}
