// The shape every source format implements: detect → parse (streaming) → normalise → load.
// A format module exports one Importer; the registry lists them; the runner does the rest.
import type { CaseWriter } from './writer.ts';

/** What detection sees: the file name (a hint only) and the first bytes, decompressed and decoded. */
export interface Sample {
  fileName: string;
  /** Up to the first 64 KiB as text (gzip already inflated, BOM removed). */
  head: string;
  /** True when the file on disk is gzip-compressed. */
  gzip: boolean;
}

export interface Detection {
  /** 0..1; the runner picks the highest and refuses near-ties. */
  confidence: number;
  reason: string;
  /** The file is recognised but holds nothing to import (a CloudTrail digest file): skipped and counted, no source row. */
  skip?: boolean;
}

export interface ImportOptions {
  year?: number;
  timeZone?: string;
  /** Canonical column → the file's header (canonical CSV formats only): the header is renamed as it streams in. */
  mapping?: Record<string, string>;
  /** Resource-based policy files that do not name their resource (a KMS key policy): the resource's ARN. One file only. */
  resource?: string;
  /** The account owning that resource when its ARN does not say (S3 bucket ARNs carry no account). */
  resourceAccount?: string;
}

export interface ImportContext {
  path: string;
  fileName: string;
  writer: CaseWriter;
  options: ImportOptions;
  signal: AbortSignal;
  /** Call once per record read from the file (loaded or rejected). */
  countRow(): void;
  /** Reports bytes consumed so far (of `total` on disk). */
  progress(bytesDone: number): void;
  /** Something the analyst must know about the file as a whole (e.g. a truncated .gz): shown with the result and kept on the source row. */
  warn(message: string): void;
  /**
   * Work that reads the whole case and must run once per import, after every file of it is in (re-deriving the
   * edges of AWS resources with a policy). Registered by name: a second registration under the same name replaces the
   * first. It runs in the import's transaction with the writer on the latest registering file that was kept. Absent
   * outside the import runner: the importer then does the work at once.
   */
  finishBatch?(name: string, fn: (writer: CaseWriter) => void): void;
  /** The files of this import (a folder) in the order they are imported, and this file's place among them. */
  batch?: { files: readonly string[]; index: number };
}

export interface Importer {
  /** Format name used in `--format` and in `source.format`. */
  name: string;
  description: string;
  detect(sample: Sample): Detection | null;
  run(ctx: ImportContext): Promise<void>;
}
