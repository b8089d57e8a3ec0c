// API contract for importing files into the open case.
import { z } from 'zod';

export const importRequests = {
  'import.files': z
    .object({
      paths: z.array(z.string().min(1)).min(1).max(10_000),
      format: z.string().min(1).max(64).optional(),
      /** Reference year / time zone for formats whose timestamps carry neither (syslog). */
      year: z.number().int().min(1970).max(2100).optional(),
      timeZone: z.string().max(64).optional(),
      /**
       * Bounds on gzip inflation per file (decompression bombs): beyond the first 64 MB a .gz may inflate to
       * `maxInflateRatio` times its size (default 100), and never past `maxInflatedBytes` (default 64 GiB).
       */
      maxInflateRatio: z.number().positive().max(1_000_000).optional(),
      maxInflatedBytes: z
        .number()
        .int()
        .positive()
        .max(2 ** 50)
        .optional(),
      /**
       * The largest single JSON record accepted, in characters (default 16 MiB, at most 256 MiB): a larger one is
       * refused as it streams in, never held whole.
       */
      maxRecordSize: z
        .number()
        .int()
        .positive()
        .max(256 * 2 ** 20)
        .optional(),
      /**
       * Several files or folders are imported all or nothing by default: the first file that cannot be imported
       * fails the whole call, the case unchanged. With keepGoing the others load and the failed ones are listed.
       */
      keepGoing: z.boolean().optional(),
      /**
       * Column mapping for CSVs the importer does not recognise (canonical column → the file's header), with
       * `format` naming the canonical CSV format. The header is renamed as the file streams in; the file is not
       * copied, and the source records its own sha256 and the mapping used.
       */
      mapping: z.record(z.string().min(1).max(64), z.string().min(1).max(200)).optional(),
      /**
       * For a resource-based policy file that does not name its resource (a KMS key policy, an S3 bucket policy whose
       * statements name several buckets): the resource's ARN; `resourceAccount` the account owning it when the ARN
       * does not say (S3). One file per request.
       */
      resource: z
        .string()
        .min(1)
        .max(2048)
        .regex(/^arn:aws[a-z-]*:/)
        .optional(),
      resourceAccount: z
        .string()
        .regex(/^\d{12}$/)
        .optional(),
    })
    .strict(),
  'import.detect': z.object({ path: z.string().min(1) }).strict(),
  'import.formats': z.object({}).strict(),
};

export interface ImportedSource {
  file: string;
  format: string;
  rows: number;
  loaded: number;
  rejected: number;
  skipped: boolean;
  /** Present when skipped or when the file could not be imported at all. */
  message?: string;
  /** True when the file could not be imported (only with keepGoing: the other files still load). */
  failed?: boolean;
  /** Things to know about an imported file as a whole, e.g. a truncated .gz read up to the damage. */
  warnings?: string[];
}

export interface DetectResult {
  file: string;
  format: string | null;
  confidence: number;
  reason: string;
  candidates: { format: string; confidence: number; reason: string }[];
  preview: string[][];
}

export interface FormatInfo {
  name: string;
  description: string;
}

export interface ImportResults {
  'import.files': { sources: ImportedSource[] };
  'import.detect': DetectResult;
  'import.formats': FormatInfo[];
}

/** Progress events streamed while long work runs. */
export interface ProgressEvent {
  task: string;
  file?: string;
  done: number;
  total: number | null;
  rate?: number;
  message?: string;
}
