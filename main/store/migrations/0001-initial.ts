// Schema v1: the case file (docs/architecture.md, The case file). Later versions add files 0002-…; never edit a shipped one.
export const sql = /* sql */ `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE source (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  format TEXT NOT NULL,
  detect_reason TEXT,
  imported_at TEXT NOT NULL,
  rows INTEGER NOT NULL DEFAULT 0,
  loaded INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'complete',
  options TEXT
);
CREATE UNIQUE INDEX source_sha ON source(sha256, format);

CREATE TABLE reject (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES source(id),
  locator TEXT NOT NULL,
  reason TEXT NOT NULL,
  excerpt TEXT NOT NULL
);
CREATE INDEX reject_source ON reject(source_id);

-- Identities, groups, roles, credentials, systems and networks. key is the id the analyst sees.
CREATE TABLE node (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  subkind TEXT,
  name TEXT,
  provider TEXT,
  environment TEXT,
  status TEXT,
  owner TEXT,
  criticality TEXT,
  created_at TEXT,
  last_used_at TEXT,
  unresolved INTEGER NOT NULL DEFAULT 0,
  props TEXT,
  source_id INTEGER,
  locator TEXT
);
CREATE INDEX node_kind ON node(kind, subkind);

-- Every other name a node goes by (ARN, access key id, object id, k8s subject…).
CREATE TABLE alias (alias TEXT PRIMARY KEY, node_id INTEGER NOT NULL, source_id INTEGER) WITHOUT ROWID;

CREATE TABLE edge (
  id INTEGER PRIMARY KEY,
  src INTEGER NOT NULL,
  dst INTEGER NOT NULL,
  kind TEXT NOT NULL,
  privilege INTEGER NOT NULL DEFAULT 0,
  conditional INTEGER NOT NULL DEFAULT 0,
  props TEXT,
  source_id INTEGER,
  locator TEXT,
  granted_at TEXT,
  last_used_at TEXT,
  UNIQUE (src, dst, kind)
);
CREATE INDEX edge_dst ON edge(dst);

-- What the auth logs show was exercised: identity → target and credential → identity, rolled up
-- per import so it does not matter whether logs or inventories arrive first.
CREATE TABLE usage (
  src INTEGER NOT NULL,
  dst INTEGER NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (src, dst)
) WITHOUT ROWID;

-- Dictionary for repeated strings in events (IPs, user agents, actions, free-text targets).
CREATE TABLE term (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);

CREATE TABLE auth_event (
  id INTEGER PRIMARY KEY,
  ts INTEGER NOT NULL,
  identity INTEGER,
  credential INTEGER,
  ip INTEGER,
  user_agent INTEGER,
  action INTEGER,
  target INTEGER,
  target_term INTEGER,
  outcome INTEGER NOT NULL,
  asn INTEGER,
  country TEXT,
  source_id INTEGER NOT NULL,
  locator INTEGER,
  props TEXT
);
CREATE INDEX auth_event_identity ON auth_event(identity, ts);
CREATE INDEX auth_event_credential ON auth_event(credential, ts);

CREATE TABLE finding (
  id TEXT PRIMARY KEY,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  subject TEXT NOT NULL,
  title TEXT NOT NULL,
  why TEXT,
  evidence TEXT,
  frameworks TEXT,
  score REAL,
  as_of TEXT,
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX finding_rule ON finding(rule, severity);

-- Triage lives apart from findings so re-running detectors keeps the analyst's decisions.
CREATE TABLE triage (finding_id TEXT PRIMARY KEY, status TEXT NOT NULL, note TEXT, actor TEXT NOT NULL, at TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE mark (node_key TEXT NOT NULL, mark TEXT NOT NULL, reason TEXT, actor TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (node_key, mark)) WITHOUT ROWID;

CREATE TABLE scenario (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, spec TEXT NOT NULL, created_at TEXT NOT NULL);

CREATE TABLE mapping_preset (name TEXT PRIMARY KEY, target TEXT NOT NULL, mapping TEXT NOT NULL) WITHOUT ROWID;

-- Chain of custody: every analyst action, append-only (enforced below, not by convention).
CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, detail TEXT);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
`;
