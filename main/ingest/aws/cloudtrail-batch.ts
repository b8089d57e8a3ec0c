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
export const ACTOR = 0,
  KEY = 1,
  IP = 2,
  AGENT = 3,
  ACTION = 4,
  TARGET = 5;

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
  /**
   * Set when every event and reject of the batch is an item of one container on the file's first line (an S3
   * object's {"Records":[…]}): `lines` then hold the item's index + 1, and locators read `line 1 Records[i]`,
   * as the in-thread reader gives them.
   */
  container?: string;
  /** Tree mode: the index, in the job's file list, of the file these events come from. */
  file?: number;
}

export type TrailParseMessage = TrailBatch | { type: 'done' } | { type: 'error'; message: string } | { type: 'warning'; message: string };

/** A tree worker's job: small CloudTrail objects, read one after another (cloudtrail-tree-worker.ts). */
export interface TrailTreeJob {
  files: string[];
  inflate: InflateLimits;
}

/**
 * What a tree worker says about one file after its batches: read whole, or left to the importing thread
 * (anything but a plain one-line {"Records":[…]} object within the limits: that thread's reader handles every shape).
 */
export type TrailTreeMessage = TrailBatch | { type: 'file-done'; file: number } | { type: 'fallback'; file: number; reason: string };
