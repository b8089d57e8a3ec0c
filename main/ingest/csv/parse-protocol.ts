// Messages between the CSV parse worker and the writing thread (kept apart so importing them never starts a worker).

import type { CsvDialect } from './byte-csv.ts';

export interface ParseJob {
  path: string;
  columns: Record<string, number>;
  dialect: CsvDialect;
}

/** Per row in `refs`: identity, credential, ip, user agent, action, target, country (dictionary ids, -1 = none), flags. */
export const REF_FIELDS = 8;
export const FLAG_FAILURE = 1;
export const FLAG_IP_UNPARSED = 2;

export type ParseMessage =
  | {
    type: 'batch'; count: number; newStrings: string[]; ts: Float64Array; refs: Int32Array; asn: Float64Array; rows: Int32Array;
    rejects: [number, string, string][]; records: number; bytes: number;
  }
  | { type: 'done' }
  | { type: 'error'; message: string };

