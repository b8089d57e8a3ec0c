// What every intel list parser produces: entries (ranges or ASNs), the list's own date, and its default class.
import type { NetworkClass } from '../../../shared/model.ts';

export interface ListEntry {
  /** Canonical CIDR text (a bare address becomes /32 or /128). */
  cidr?: string;
  asn?: number;
  label?: string | null;
  /** When the entry was observed (epoch ms), for time-stamped lists. */
  seenAt?: number | null;
}

export interface ParsedList {
  format: string;
  /** The class the format itself implies (Tor exits, cloud ranges), or null when the analyst must say. */
  class: NetworkClass | null;
  /** When the list was true, if the file says (ISO). */
  asOf: string | null;
  entries: ListEntry[];
  rejected: number;
  /** A few rejected lines, for the import report. */
  rejectSamples: string[];
}

export class ListCollector {
  readonly entries: ListEntry[] = [];
  rejected = 0;
  readonly rejectSamples: string[] = [];

  reject(raw: string): void {
    this.rejected++;
    if (this.rejectSamples.length < 5) this.rejectSamples.push(raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 120));
  }
}
