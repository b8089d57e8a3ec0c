// The identity-kind classifier: run over the whole case after every import (all facts loaded, whatever the file
// order) and after every analyst change. It reads what the sources said (node.source_subkind, props), the
// analyst's inventory and choices, naming conventions and sign-in behaviour, and writes node.subkind (what every
// rule reads) and node.kind_because (why, shown to the analyst). Re-running it on the same facts changes nothing.
import type Database from 'better-sqlite3';
import {
  anyEdgeCheck,
  identityKindRows,
  kindVerdictWriter,
  signInBehaviourReader,
  successfulSignInCheck,
  type IdentityKindRow,
} from '../store/identity-kind-facts.ts';
import { kindOverrides } from '../store/identity-kinds.ts';
import { parseProps } from '../store/props.ts';
import { decideKind, MIN_EVENTS, type KindDecision, type KindInput } from './decide.ts';
import { directoryAttributes, type DirectoryAttributes } from './directory-attributes.ts';
import { matchName, namePatterns } from './name-patterns.ts';

export interface KindBecause {
  source: KindDecision['source'];
  because: string;
  signals: string[];
  /** What the importers said, when it differs from the decision. */
  sourceKind?: string | null;
}

type Row = IdentityKindRow;

interface Decided {
  row: Row;
  decision: KindDecision;
  /** Keys that say two nodes are one account (`sid:…`, `login:…`). */
  links: string[];
}

/** Classifies every identity of the case; returns how many changed kind. Runs inside the caller's transaction. */
export function classifyIdentities(db: Database.Database): { changed: number } {
  const patterns = namePatterns(db);
  const overrides = new Map(kindOverrides(db).map((o) => [o.node_key, o]));
  const behaviourOf = signInBehaviourReader(db);
  // A success is usually among an identity's first few events, so this stops early where counting would read them all.
  const hasSuccess = successfulSignInCheck(db);
  const hasEdge = anyEdgeCheck(db);
  const rows = identityKindRows(db);
  const decided: Decided[] = [];
  for (const row of rows) {
    const props = parseProps(row.props);
    const login = [props.upn, props.login, props.email, props.userPrincipalName].find((v): v is string => typeof v === 'string') ?? null;
    const inventoryKind = typeof props.inventory_kind === 'string' ? props.inventory_kind : null;
    const override = overrides.get(row.key) ?? null;
    // Only user objects nobody has decided on are weighed (most identities of a large case are not), so only
    // they pay for reading directory attributes and matching names.
    const weighed = !override && !inventoryKind && (row.source_subkind === null || row.source_subkind === 'human');
    const attributes = weighed ? directoryAttributes(props) : NOT_READ;
    const input = {
      provider: row.provider,
      sourceKind: row.source_subkind,
      inventoryKind,
      override,
      attributes,
      nameMatch: weighed ? matchName([row.name, login, row.key], patterns) : null,
      behaviour: null as { events: number; interactive: number; successes: number } | null,
      onlyFailedSignIns: false,
      flags: { federated: props.federated === true, awsService: props.aws_service === true, root: props.root === true, nologin: false },
    };
    let decision = decideKind(input);
    // Sign-ins are counted only where they can change the verdict, so a large case is not scanned for nothing
    // (reading them for every identity of a 1M-event import cost 3.5 s of its 13): where one more machine signal
    // would tip a user object, or where a machine verdict could rest on nothing but failed sign-ins.
    if (weighed && behaviourCanMatter(input, decision, () => !attributes.known && !hasEdge(row.id) && !hasSuccess(row.id))) {
      const b = behaviourOf(row.id);
      input.behaviour = b;
      input.onlyFailedSignIns = b.events > 0 && b.successes === 0 && !attributes.known && !hasEdge(row.id);
      decision = decideKind(input);
    }
    decided.push({ row, decision, links: linksOf(weighed ? attributes.sid : sidOf(props), props) });
  }
  applyLinks(decided);
  const update = kindVerdictWriter(db);
  let changed = 0;
  for (const { row, decision } of decided) {
    const because: KindBecause = { source: decision.source, because: decision.because, signals: decision.signals };
    if (row.source_subkind !== decision.kind) because.sourceKind = row.source_subkind;
    const text = JSON.stringify(because);
    if (row.subkind === decision.kind && row.kind_because === text) continue;
    if (row.subkind !== decision.kind) changed++;
    update(row.id, decision.kind, text);
  }
  return { changed };
}

const MACHINE_KINDS = new Set(['service_account', 'ai_agent']);

/**
 * Whether counting the identity's sign-ins could change its kind: the most machine-like habit (enough sign-ins,
 * none interactive) would tip it, or it is already judged a machine and nothing but its sign-ins names it (then
 * only failed ones make it a guessed name, not a machine): `unanchored` says no record, grant or success anchors it.
 */
function behaviourCanMatter(input: KindInput, without: KindDecision, unanchored: () => boolean): boolean {
  if (without.source !== 'classifier' && without.source !== 'source') return false;
  if (MACHINE_KINDS.has(without.kind ?? '')) return unanchored();
  const leaning = decideKind({ ...input, behaviour: { events: MIN_EVENTS, interactive: 0, successes: 1 } });
  return leaning.kind !== without.kind;
}

/** The attributes of an identity that is not weighed: never read by decideKind past the precedence it wins on. */
const NOT_READ: DirectoryAttributes = {
  known: false,
  userType: null,
  jobTitle: null,
  department: null,
  manager: null,
  employeeId: null,
  servicePrincipalNames: false,
  passwordNeverExpires: false,
  cannotChangePassword: false,
  sid: null,
};

/**
 * One account seen by several sources (an AD account synced to Entra: same SID; the same login in Okta and Entra)
 * is one kind. The strongest decision in a linked set (the analyst's, the inventory's, then a machine verdict of the
 * classifier) is given to the members that only had a user object's default.
 */
function applyLinks(decided: Decided[]): void {
  const groups = new Map<string, Decided[]>();
  for (const d of decided) {
    for (const link of d.links) {
      let g = groups.get(link);
      if (!g) groups.set(link, (g = []));
      g.push(d);
    }
  }
  const rank = (d: Decided): number =>
    d.decision.source === 'analyst'
      ? 3
      : d.decision.source === 'inventory'
        ? 2
        : d.decision.source === 'classifier' && d.decision.kind !== 'human' && d.decision.kind !== null
          ? 1
          : 0;
  for (const [link, members] of groups) {
    if (members.length < 2) continue;
    const best = members.reduce((a, b) => (rank(b) > rank(a) ? b : a));
    if (rank(best) === 0) continue;
    for (const m of members) {
      if (m === best || rank(m) > 0) continue;
      const weak = m.decision.kind === null || m.decision.kind === 'human';
      if (!weak || m.decision.kind === best.decision.kind) continue;
      m.decision = {
        kind: best.decision.kind,
        source: 'link',
        signals: m.decision.signals,
        because: `the same account as ${best.row.key} (${link.split(':')[0]}), which is ${best.decision.kind}: ${best.decision.because}`,
      };
    }
  }
}

function linksOf(sid: string | null, props: Record<string, unknown>): string[] {
  const out: string[] = [];
  // Domain SIDs only: well-known SIDs (S-1-5-18 SYSTEM, …) are the same on every machine.
  if (sid && /^S-1-5-21-\d+-\d+-\d+-\d+$/i.test(sid)) out.push(`sid:${sid.toUpperCase()}`);
  for (const v of [props.upn, props.login, props.email]) {
    if (typeof v === 'string' && /^[^@\s]+@[^@\s]+$/.test(v)) out.push(`login:${v.toLowerCase()}`);
  }
  return out.length > 1 ? [...new Set(out)] : out;
}

/** The SID of an identity that is not weighed, from the places importers put it. */
function sidOf(props: Record<string, unknown>): string | null {
  if (typeof props.sid === 'string') return props.sid;
  const d = props.directory;
  if (d && typeof d === 'object' && !Array.isArray(d)) {
    const v = (d as Record<string, unknown>).onPremisesSecurityIdentifier;
    if (typeof v === 'string') return v;
  }
  return null;
}
