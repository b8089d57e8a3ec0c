// API contract for column mapping of CSVs whose headers the importer does not recognise:
// reusable presets (stored in the case), and applying a mapping to produce a canonical copy to import.
import { z } from 'zod';

const header = z.string().min(1).max(200);
/** canonical column name → the file's header for it. */
const mapping = z.record(z.string().min(1).max(64), header);

export const mappingRequests = {
  'mapping.presets': z.object({}).strict(),
  'mapping.save': z.object({ name: z.string().min(1).max(120), target: z.string().min(1).max(64), mapping }).strict(),
  'mapping.delete': z.object({ name: z.string().min(1).max(120) }).strict(),
  /** Writes `<file>.mapped.csv` beside the file with canonical headers; import that path with `format: target`. */
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
  'mapping.apply': { path: string; columns: string[] };
}
