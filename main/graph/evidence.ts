// Hop evidence for attack paths: the import row that created an edge (source file, locator), and the
// auth events that exercised it (time, source IP, action), newest first, capped, none after as-of.
import type { EventQuery } from '../../shared/api/events.ts';
import type { HopEvidence } from '../../shared/api/graph.ts';
import { privilegeName } from '../../shared/model.ts';
import type { CaseFile } from '../store/case-file.ts';
import { edgeGrant, hopEventCount, hopEventRows, type HopEvents } from '../store/hop-evidence.ts';
import type { AnalysisGraph } from './csr.ts';
import { K_AUTHENTICATES } from './semantics.ts';

/**
 * `actor`: the identity acting on this hop (the last identity on the path so far): logs name it, not the
 * group or role the grant came through.
 */
export function hopEvidence(
  kase: CaseFile,
  g: AnalysisGraph,
  e: number,
  options: { asOfMs?: number; events?: number; actor?: number } = {},
): HopEvidence[] {
  const id = g.edgeDbId[e];
  if (!id) return [{ type: 'grant', file: null, locator: 'what-if (hypothetical edge)' }];
  const grant = edgeGrant(kase.db, id);
  const out: HopEvidence[] = [];
  if (grant) {
    out.push({
      type: 'grant',
      file: grant.file,
      sha256: grant.sha256,
      locator: grant.locator,
      privilege: privilegeName(grant.privilege),
      grantedAt: grant.grantedAt,
      // Only derived escalation edges carry these; other grants keep their shape.
      ...(typeof grant.technique === 'string' ? { technique: grant.technique } : {}),
      ...(typeof grant.pathId === 'string' ? { pathId: grant.pathId } : {}),
    });
  }
  const limit = options.events ?? 5;
  if (limit <= 0) return out;
  // authenticates (credential → identity) is exercised by events naming both; every other edge by events of
  // the acting identity, or of the hop's source itself (a role session is logged as the role), on the target.
  const byCredential = g.edgeKind[e] === K_AUTHENTICATES;
  const from = g.dbIds[g.source[e]],
    dst = g.dbIds[g.target[e]];
  const actor = byCredential ? from : g.dbIds[options.actor ?? g.source[e]];
  const asOf = options.asOfMs ?? Number.MAX_SAFE_INTEGER;
  const hop: HopEvents = { byCredential, principals: [actor, from], target: dst, asOfMs: asOf };
  const total = hopEventCount(kase.db, hop);
  if (!total) return out;
  const events = hopEventRows(kase.db, hop, limit);
  events.forEach((ev, i) => {
    out.push({
      type: 'event',
      time: new Date(ev.ts).toISOString(),
      sourceIp: ev.ip,
      action: ev.action,
      file: ev.file,
      locator: ev.locator == null ? null : `row ${ev.locator}`,
      ...(i === 0 ? { total } : {}),
    });
  });
  return out;
}

/**
 * The events-browser query that lists exactly the events hopEvidence counts for edge `e` (successes of the acting
 * identity or the hop's source on the target; for a credential hop, the credential signing in as the identity).
 */
export function hopEventQuery(g: AnalysisGraph, e: number, actor: number, asOfMs?: number): EventQuery | null {
  if (!g.edgeDbId[e]) return null;
  const from = g.keys[g.source[e]],
    to = g.keys[g.target[e]];
  const until = asOfMs === undefined ? {} : { to: new Date(asOfMs).toISOString() };
  if (g.edgeKind[e] === K_AUTHENTICATES) return { credential: [from], identity: [to], outcome: 'success', ...until };
  const identities = [...new Set([g.keys[actor], from])];
  return { identity: identities, target: to, outcome: 'success', ...until };
}
