// Schema v3: analyst-imported network intelligence lists (Tor exits, VPN/hosting ranges, cloud
// provider ranges, bad-ASN lists). Each list keeps where it came from (sha256) and when it was true (as_of).
export const sql = /* sql */ `
CREATE TABLE intel_list (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  format TEXT NOT NULL,
  class TEXT NOT NULL,
  as_of TEXT,
  sha256 TEXT NOT NULL UNIQUE,
  file_name TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  entries INTEGER NOT NULL,
  rejected INTEGER NOT NULL DEFAULT 0
);

-- One range (cidr) or one autonomous system (asn) per row. seen_at (epoch ms) is set for lists whose
-- entries are time-stamped (Tor exit-addresses): such an entry only counts around that time.
CREATE TABLE intel_entry (
  list_id INTEGER NOT NULL REFERENCES intel_list(id),
  cidr TEXT,
  asn INTEGER,
  label TEXT,
  seen_at INTEGER
);
CREATE INDEX intel_entry_list ON intel_entry(list_id);
`;
