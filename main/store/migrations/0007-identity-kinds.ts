// Schema v7: identity kinds decided once for the whole case (main/kinds/), not by each importer.
// - node.source_subkind keeps what the sources claimed (the importers write it with subkind), so the classifier
//   can be re-run after every import and after every analyst change without reading its own earlier answer;
// - node.kind_because is the classifier's explanation (JSON: {source, because, signals}), shown to the analyst;
// - kind_override is the analyst's decision, keyed by node key like mark, so it survives re-import.
export const sql = /* sql */ `
ALTER TABLE node ADD COLUMN source_subkind TEXT;
ALTER TABLE node ADD COLUMN kind_because TEXT;
UPDATE node SET source_subkind = subkind;
CREATE TABLE kind_override (node_key TEXT PRIMARY KEY, kind TEXT NOT NULL, reason TEXT, actor TEXT NOT NULL, at TEXT NOT NULL) WITHOUT ROWID;
`;
