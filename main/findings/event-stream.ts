// Auth events of a time window, one at a time (oldest first, unless a pass says order does not matter),
// straight from SQLite's cursor: a window of millions of events is never held in memory, so the
// behavioural rules keep only their own aggregates.
// Term strings come from a shared cache; the parsed props and the network verdict are worked out only
// when a rule asks for them (most rules never read props, and many events are skipped before their network
// matters), and verdicts are shared between events from the same address.
import type Database from 'better-sqlite3';
import type { NetworkIntel, NetworkVerdict } from '../intel/network-intel.ts';
import type { CaseData, EventRow } from './case-data.ts';
import { eventsInWindow, termsMatching, type EventTuple } from '../store/events-read.ts';
import { parseProps } from '../store/props.ts';
import { NetworkVerdicts } from './network-verdicts.ts';
import { TermStrings } from './term-strings.ts';

// The outcome filter runs inside SQLite (store/events-read.ts). Props (a JSON text per event) are read only by
// passes that ask.

/** Which events a pass wants, and what it needs of them. */
export interface PassOptions {
  /** Failures (0) or successes (1) only; absent = both. */
  outcome?: 0 | 1;
  /**
   * The pass does not depend on the order of events, so SQLite need not sort them (auth_event has no
   * index on time: sorting a window costs about as much as reading it, and a whole large case spills to
   * temporary files).
   */
  inAnyOrder?: boolean;
  /** The pass reads `props`; without this, reading them is an error rather than a silent empty object. */
  props?: boolean;
  /**
   * Only events whose action the predicate accepts. Decided once per distinct action of the case (a few
   * thousand), then filtered inside SQLite: the rare-event rules never read the millions of routine events.
   */
  actions?: (action: string) => boolean;
  /** Only events of these identities or credentials (node ids): a second look at a few subjects reads only theirs. */
  subjects?: { identities: number[]; credentials: number[] };
}

export class EventReader {
  private readonly data: CaseData;
  private readonly db: Database.Database;
  readonly terms: TermStrings;
  readonly verdicts: NetworkVerdicts;

  /** Action term ids per test, found once per run (rules pass the same test function on every pass). */
  private readonly actions = new Map<(action: string) => boolean, number[]>();

  private actionIds(accept: (action: string) => boolean): number[] {
    let ids = this.actions.get(accept);
    if (!ids) this.actions.set(accept, (ids = termsMatching(this.db, accept)));
    return ids;
  }

  constructor(data: CaseData, intel: () => NetworkIntel) {
    this.data = data;
    this.db = data.kase.db;
    this.terms = new TermStrings(this.db);
    this.verdicts = new NetworkVerdicts(intel);
  }

  /**
   * Auth events with from <= ts <= to, oldest first (ties by id) unless the filter says any order will do.
   * Each pass gets its own cursor, so passes may nest.
   */
  *between(from: number, to: number, options: PassOptions = {}): Generator<EventRow, void, undefined> {
    const actionIds = options.actions ? this.actionIds(options.actions) : null;
    if (actionIds && !actionIds.length) return;
    const rows = eventsInWindow(this.db, {
      from,
      to,
      outcome: options.outcome ?? null,
      props: !!options.props,
      ordered: !options.inAnyOrder,
      ...(actionIds ? { actions: actionIds } : {}),
      ...(options.subjects ? { subjects: options.subjects } : {}),
    });
    const props = !!options.props;
    for (const row of rows) yield new StreamedEvent(row, props, this.data, this.terms, this.verdicts);
  }
}

/** One auth event as the rules read it (see EventRow). */
class StreamedEvent implements EventRow {
  readonly id: number;
  readonly ts: number;
  readonly identityId: number | null;
  readonly credentialId: number | null;
  readonly outcome: 0 | 1;
  readonly asn: number | null;
  readonly country: string | null;
  readonly locator: number | null;
  // Strings are resolved on first read: most rules look at an event's network or outcome and pass on, and
  // resolving seven strings for each of a million events was most of a behavioural pass.
  readonly #row: EventTuple;
  readonly #data: CaseData;
  readonly #terms: TermStrings;
  #propsRead: boolean;
  #propsText: string | null;
  #props: Record<string, unknown> | null = null;
  #net: NetworkVerdict | null = null;
  readonly #verdicts: NetworkVerdicts;

  constructor(row: EventTuple, propsRead: boolean, data: CaseData, terms: TermStrings, verdicts: NetworkVerdicts) {
    const [id, ts, identityId, credentialId, , , , , , outcome, asn, country, props, , locator] = row;
    this.id = id;
    this.ts = ts;
    this.identityId = identityId;
    this.credentialId = credentialId;
    this.outcome = outcome;
    this.asn = asn;
    this.country = country;
    this.locator = locator;
    this.#row = row;
    this.#data = data;
    this.#terms = terms;
    this.#propsRead = propsRead;
    this.#propsText = props;
    this.#verdicts = verdicts;
  }

  get identity(): string | null {
    return this.#data.node(this.identityId)?.key ?? null;
  }

  get credential(): string | null {
    return this.#data.node(this.credentialId)?.key ?? null;
  }

  get ip(): string | null {
    return this.#terms.address(this.#row[4]);
  }

  get userAgent(): string | null {
    return this.#terms.text(this.#row[5]);
  }

  get action(): string | null {
    return this.#terms.text(this.#row[6]);
  }

  /** The target's node id (null when the case does not know the target). */
  get targetId(): number | null {
    return this.#row[7];
  }

  /** A target the case knows is named by its key; otherwise by the text the log gave. */
  get target(): string | null {
    return this.#data.node(this.#row[7])?.key ?? this.#terms.text(this.#row[8]);
  }

  get source(): string | null {
    return this.#data.sourceName(this.#row[13]);
  }

  get dayGroup(): boolean {
    return this.#data.isRollupSource(this.#row[13]);
  }

  get props(): Record<string, unknown> {
    if (!this.#propsRead) throw new Error('this pass over auth events did not read props: ask eachEvent for { props: true }');
    if (this.#props === null) {
      this.#props = parseProps(this.#propsText);
      this.#propsText = null;
    }
    return this.#props;
  }

  /** The network verdict at the event's own time. */
  get net(): NetworkVerdict {
    // Numbers (an IPv4 address or a term id; store/address-column.ts) key the verdict cache; IPv6 bytes go by text.
    const stored = this.#row[4];
    return (this.#net ??= this.#verdicts.ofTerm(typeof stored === 'number' ? stored : null, this.ip, this.ts, this.asn));
  }
}
