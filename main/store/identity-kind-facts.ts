// What the identity-kind classifier (main/kinds/classify.ts) reads over the whole case, and its one write:
// the identities with what the sources said, their sign-in habits, whether anything anchors them, and the verdict.
import type Database from 'better-sqlite3';

export interface IdentityKindRow {
  id: number;
  key: string;
  name: string | null;
  provider: string | null;
  source_subkind: string | null;
  subkind: string | null;
  kind_because: string | null;
  props: string | null;
}

export interface SignInBehaviour {
  events: number;
  interactive: number;
  successes: number;
}

/** Every identity of the case, with what the sources said and what the classifier said last time. */
export function identityKindRows(db: Database.Database): IdentityKindRow[] {
  return db
    .prepare(`SELECT id, key, name, provider, source_subkind, subkind, kind_because, props FROM node WHERE kind = 'identity'`)
    .all() as IdentityKindRow[];
}

/**
 * Whether the identity has a successful sign-in; prepared once for a whole run. A success is usually among an
 * identity's first few events, so this stops early where counting would read them all.
 */
export function successfulSignInCheck(db: Database.Database): (identity: number) => boolean {
  const stmt = db.prepare('SELECT 1 FROM auth_event WHERE identity = ? AND outcome = 1 LIMIT 1').pluck();
  return (identity) => !!stmt.get(identity);
}

/** Whether any edge starts or ends at the node (a grant or a record anchors it); prepared once for a whole run. */
export function anyEdgeCheck(db: Database.Database): (node: number) => boolean {
  const stmt = db.prepare('SELECT 1 FROM edge WHERE src = ? UNION ALL SELECT 1 FROM edge WHERE dst = ? LIMIT 1').pluck();
  return (node) => !!stmt.get(node, node);
}

/** Sign-ins of one identity (its latest 20,000): how many, how many a person made at a screen, how many succeeded. */
export function signInBehaviourReader(db: Database.Database): (id: number) => SignInBehaviour {
  const stmt = db.prepare(`SELECT count(*) AS events, coalesce(sum(e.outcome = 1), 0) AS successes, coalesce(sum(CASE
      WHEN json_valid(e.props) AND (json_extract(e.props, '$.interactive') = 1 OR json_extract(e.props, '$.isInteractive') = 1) THEN 1
      WHEN lower(coalesce(a.value, '')) GLOB '*console*login*' OR lower(coalesce(a.value, '')) GLOB '*user.session.start*' THEN 1
      ELSE 0 END), 0) AS interactive
    FROM (SELECT props, action, outcome FROM auth_event WHERE identity = ? ORDER BY ts DESC LIMIT 20000) e LEFT JOIN term a ON a.id = e.action`);
  return (id) => stmt.get(id) as SignInBehaviour;
}

/** Writes a verdict (node.subkind, node.kind_because); prepared once for a whole run. */
export function kindVerdictWriter(db: Database.Database): (id: number, kind: string | null, because: string) => void {
  const update = db.prepare('UPDATE node SET subkind = ?, kind_because = ? WHERE id = ?');
  return (id, kind, because) => {
    update.run(kind, because, id);
  };
}
