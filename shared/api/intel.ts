// API contract for offline network intelligence: analyst list imports and IP lookups.
import { z } from 'zod';
import { NETWORK_CLASSES } from '../model.ts';

export const intelRequests = {
  'intel.import': z
    .object({
      path: z.string().min(1).max(4096),
      /** Display name; defaults to the file name. */
      name: z.string().min(1).max(200).optional(),
      /** The class its entries get when the format does not say (plain lists, CSV). */
      class: z.enum(NETWORK_CLASSES).optional(),
      /** When the list was published, if the file does not say. */
      asOf: z
        .string()
        .min(4)
        .max(40)
        .refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO 8601 date')
        .optional(),
    })
    .strict(),
  'intel.lists': z.object({}).strict(),
  'intel.lookup': z
    .object({
      ips: z.array(z.string().min(1).max(100)).min(1).max(100_000),
      /** Time of use (ISO): Tor exit lists with timestamps only count around it. */
      at: z.string().min(4).max(40).optional(),
    })
    .strict(),
};

export interface IntelList {
  id: number;
  name: string;
  format: string;
  class: string;
  asOf: string | null;
  sha256: string;
  fileName: string;
  importedAt: string;
  entries: number;
  rejected: number;
  /** Set when the list is older than the case's events by more than the staleness allowance. */
  stale: string | null;
}

export interface IntelImportResult extends IntelList {
  skipped: boolean;
  warnings: string[];
}

export interface IpIntel {
  ip: string;
  valid: boolean;
  /** The network this address counts as for baselines: analyst CIDR node key, `AS<n>`, or a /24 or /48. */
  network: string | null;
  class: string | null;
  /** Which source decided the class: `analyst`, `list:<name>`, `asn` (curated table or org heuristic). */
  classSource: string | null;
  asn: number | null;
  org: string | null;
  lists: string[];
}

export interface IntelResults {
  'intel.import': IntelImportResult;
  'intel.lists': IntelList[];
  'intel.lookup': IpIntel[];
}
