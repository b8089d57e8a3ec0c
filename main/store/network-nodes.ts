// The imported networks (networks.csv rows: a node of kind network with its CIDR in props), for the classifier
// that tells which one an address falls in (inventory/networks.ts).
import type Database from 'better-sqlite3';

export interface NetworkNodeRow {
  cidr: string | null;
  subkind: string | null;
  name: string | null;
}

export function networkNodeRows(db: Database.Database): NetworkNodeRow[] {
  return db.prepare(`SELECT json_extract(props, '$.cidr') AS cidr, subkind, name FROM node WHERE kind = 'network'`).all() as NetworkNodeRow[];
}
