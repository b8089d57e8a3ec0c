// API contract for exports and the case report. Results carry the content; the caller decides where to
// save it (CLI: --out; desktop: a save dialog; browser: a download), so no API call writes to a path.
import { z } from 'zod';

export const reportRequests = {
  'export.graph': z.object({ format: z.enum(['opengraph', 'graphml']) }).strict(),
  'export.csv': z.object({ what: z.enum(['findings', 'identities', 'credentials', 'systems', 'entitlements', 'paths']) }).strict(),
  /** The case report: one self-contained HTML document (print it to PDF from the app or with --pdf). */
  'report.html': z.object({}).strict(),
};

export interface ExportFile {
  /** A safe file name suggestion (no folders, no odd characters). */
  fileName: string;
  mediaType: string;
  content: string;
  /** Counts of what was exported, for the summary line. */
  counts: Record<string, number>;
}

export interface ReportResults {
  'export.graph': ExportFile;
  'export.csv': ExportFile;
  'report.html': ExportFile;
}

/** A file name safe on every platform: letters, digits, dot, dash, underscore; no leading dot; bounded. */
export function safeFileName(name: string, fallback = 'blastmap-export'): string {
  const base = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 120);
  return base || fallback;
}
