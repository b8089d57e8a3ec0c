// API contract for column mapping of CSVs whose headers the importer does not recognise:
// reusable presets (stored in the case), and checking a mapping against a file. The mapping itself is an option
// of import.files (`mapping` with `format`): headers are renamed as the file streams in; no copy is written.
import { z } from 'zod';

const header = z.string().min(1).max(200);
/** canonical column name → the file's header for it. */
const mapping = z.record(z.string().min(1).max(64), header);

export const mappingRequests = {
  'mapping.presets': z.object({}).strict(),
  'mapping.save': z.object({ name: z.string().min(1).max(120), target: z.string().min(1).max(64), mapping }).strict(),
  'mapping.delete': z.object({ name: z.string().min(1).max(120) }).strict(),
  /**
   * Checks the mapping against the file's header and answers the columns the importer will see. Writes nothing
   * (it used to write `<file>.mapped.csv` beside the evidence); import `path` with `format: target` and `mapping`.
   */
  'mapping.apply': z.object({ path: z.string().min(1), target: z.string().min(1).max(64), mapping }).strict(),
};

export interface MappingPreset {
  name: string;
  /** Canonical format name, e.g. identities-csv. */
  target: string;
  mapping: Record<string, string>;
}

export interface MappingResults {
  'mapping.presets': MappingPreset[];
  'mapping.save': MappingPreset;
  'mapping.delete': { deleted: boolean };
  /** `path` is the file itself (to import with the mapping); `columns` its header as the importer will read it. */
  'mapping.apply': { path: string; columns: string[] };
}
