// Messages between the CSV parse worker and the writing thread (kept apart so importing them never starts a worker).

import type { UsageSpanData } from '../usage-spans.ts';
import type { CsvDialect } from './byte-csv.ts';
import type { InflateLimits } from '../file-source.ts';

export interface ParseJob {
  path: string;
  /** The importing thread's gzip inflation limits (file-source.ts), which a worker does not share. */
  inflate?: InflateLimits;
  columns: Record<string, number>;
  dialect: CsvDialect;
}

/** Per row in `refs`: identity, credential, ip, user agent, action, target, country (dictionary ids, -1 = none), flags. */
export const REF_FIELDS = 8;
export const FLAG_FAILURE = 1;
export const FLAG_IP_UNPARSED = 2;

/**
 * A batch: new dictionary strings (and the refs slot each first appeared in) appended in code order, then
 * `count` events in columns, the rejects, usage spans when the worker hands them over, and `reset` when
 * the dictionary starts over after this batch (codes begin again at 0; flat memory on endless distinct values).
 */
export type ParseMessage =
  | {
      type: 'batch';
      count: number;
      newStrings: string[];
      newFields: Uint8Array;
      ts: Float64Array;
      refs: Int32Array;
      asn: Float64Array;
      /** Per row, an IPv4 source address as stored (store/address-column.ts), or NaN: then refs' ip code holds it. */
      ipv4: Float64Array;
      rows: Int32Array;
      rejects: [number, string, string][];
      records: number;
      bytes: number;
      spans: UsageSpanData | null;
      reset: boolean;
    }
  | { type: 'done' }
  | { type: 'warning'; message: string }
  | { type: 'error'; message: string };
