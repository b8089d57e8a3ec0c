// The analyst's own networks: nodes of kind 'network' (from networks.csv), whose subkind is the network class and
// whose props hold the CIDR. NetworkIntel (intel/network-intel.ts) ranks them above every list.
import type Database from 'better-sqlite3';

export interface NetworkNodeRow {
  key: string;
  subkind: string | null;
  name: string | null;
  props: string | null;
}

export function networkNodeRows(db: Database.Database): NetworkNodeRow[] {
  return db.prepare(`SELECT key, subkind, name, props FROM node WHERE kind = 'network'`).all() as NetworkNodeRow[];
}
