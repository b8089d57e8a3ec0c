// Schema v4: events whose target (or whose credential's owner) was unknown when they were imported.
// Late resolution reads this small table instead of scanning every auth event after each import.
export const sql = /* sql */ `
CREATE TABLE pending_ref (
  kind TEXT NOT NULL,            -- 'target': ref is a term id of the target text; 'owner': ref is a credential node id
  ref INTEGER NOT NULL,
  first_event INTEGER NOT NULL,  -- auth_event id range holding such events
  last_event INTEGER NOT NULL,
  PRIMARY KEY (kind, ref)
) WITHOUT ROWID;
`;
