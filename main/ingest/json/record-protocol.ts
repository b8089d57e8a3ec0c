// Messages between the JSON-records worker and the importing thread (kept apart so importing them never starts a worker).
import type { InflateLimits } from '../file-source.ts';
import type { NormaliserName } from '../record-normalisers.ts';

export interface RecordJob {
  /** The importing thread's gzip inflation limits (file-source.ts), which a worker does not share. */
  inflate?: InflateLimits;
  path: string;
  normaliser: NormaliserName;
  maxRecordChars: number;
}

/** In file order: a normalised record, or a reject (a line that is not JSON, not an object, or refused by the normaliser). */
export type RecordItem = { locator: string; value: unknown } | { locator: string; reason: string; excerpt: string };

export type RecordMessage =
  | { type: 'batch'; items: RecordItem[]; bytes: number }
  | { type: 'done' }
  | { type: 'warning'; message: string }
  | { type: 'error'; message: string };
