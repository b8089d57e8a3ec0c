// Each identity's latest successful auth event, gathered in the run's shared pass instead of asked of the case
// once per identity (an index walk for the identity and one for each credential it holds: a million small
// queries on a large case). The same answer as CaseData.lastEventOf: the latest success up to `until` by the
// identity itself or with a credential it holds (has_credential edges), or null.
import type { CaseData, EventRow } from './case-data.ts';

export class LastSuccess {
  private readonly data: CaseData;
  private readonly until: number;
  /** Latest success by node id (identity or credential), -Infinity for none; ids past the case's last node go to `beyond`. */
  private readonly latest: Float64Array;
  private readonly beyond = new Map<number, number>();

  constructor(data: CaseData, until: number) {
    this.data = data;
    this.until = until;
    this.latest = new Float64Array(data.maxNodeId() + 1).fill(-Infinity);
  }

  /** Feeds one event of the pass (successes up to `until`; anything else is ignored). */
  see(e: EventRow): void {
    if (e.outcome !== 1 || e.ts > this.until) return;
    if (e.identityId !== null) this.note(e.identityId, e.ts);
    if (e.credentialId !== null) this.note(e.credentialId, e.ts);
  }

  /** The identity's latest success (epoch ms) by itself or with a credential it holds, or null. */
  of(identityId: number): number | null {
    let at = this.at(identityId);
    for (const c of this.data.edgesFrom(identityId, 'has_credential')) at = Math.max(at, this.at(c.dst));
    return at === -Infinity ? null : at;
  }

  private note(id: number, ts: number): void {
    if (id >= 0 && id < this.latest.length) {
      if (ts > this.latest[id]) this.latest[id] = ts;
    } else if (ts > (this.beyond.get(id) ?? -Infinity)) this.beyond.set(id, ts);
  }

  private at(id: number): number {
    return id >= 0 && id < this.latest.length ? this.latest[id] : (this.beyond.get(id) ?? -Infinity);
  }
}
