// The message protocol between the CloudTrail parse worker and the importing thread (kept apart from the
// worker entry, which starts listening on import). Plain types and constants only.
import type { TrailEvent } from './cloudtrail-normalise.ts';
import type { InflateLimits } from '../file-source.ts';

export interface TrailParseJob {
  path: string;
  gzip: boolean;
  /** The byte range this worker owns (plain files only; a gzip file is one range, 0 to Infinity). */
  start: number;
  end: number;
  maxLineChars: number;
  /** The importing thread's gzip inflation limits (file-source.ts), which a worker does not share. */
  inflate?: InflateLimits;
}

/** One column per dictionary-encoded string of an event; -1 means null. */
export const COLUMNS = 6;
export const ACTOR = 0, KEY = 1, IP = 2, AGENT = 3, ACTION = 4, TARGET = 5;

/**
 * A batch in columns: repeated strings (actors, keys, IPs, agents, actions, targets) travel once, as
 * dictionary entries appended in order; typed arrays are transferred, not copied. `reset` empties the dictionary.
 */
export interface TrailBatch {
  type: 'batch';
  reset: boolean;
  strings: string[];
  n: number;
  ts: Float64Array;
  cols: Int32Array;
  outcome: Uint8Array;
  lines: Int32Array;
  props: string[];
  /** [event index, the event] for the few with an assumption or a change. */
  rare: [number, Pick<TrailEvent, 'ts' | 'actor' | 'assumed' | 'change' | 'targetText'>][];
  rejects: [number, string, string][];
  records: number;
  bytes: number;
}

export type TrailParseMessage = TrailBatch | { type: 'done' } | { type: 'error'; message: string } | { type: 'warning'; message: string };

