// Schema v2: AWS policy documents kept with provenance (issue 4), so evaluations can be explained
// and re-run: managed policy versions, inline policies, trust policies. Documents are stored decoded
// (JSON text), exactly as the export gave them apart from URL-decoding.
export const sql = /* sql */ `
CREATE TABLE aws_policy (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES source(id),
  account TEXT NOT NULL,
  -- managed | inline | trust
  kind TEXT NOT NULL,
  -- the managed policy ARN, or for inline and trust policies the ARN of the principal or group holding it
  owner TEXT NOT NULL,
  name TEXT NOT NULL,
  version_id TEXT,
  is_default INTEGER NOT NULL DEFAULT 1,
  document TEXT NOT NULL,
  locator TEXT NOT NULL
);
CREATE INDEX aws_policy_owner ON aws_policy(owner);
`;
