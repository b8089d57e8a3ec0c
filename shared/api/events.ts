// API contract for the events browser: every auth event of the case, filtered and paged on the server, each
// with the file and line it came from. Read-only.
import { z } from 'zod';

const text = z.string().min(1).max(1000);
const isoDate = z
  .string()
  .min(4)
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO 8601 date');

/** What selects events. Every field narrows; lists mean "any of". Node references accept ids and aliases. */
export const eventQuery = z
  .object({
    /** The acting identity (any of). */
    identity: z.array(text).min(1).max(50).optional(),
    /** The credential used (any of). */
    credential: z.array(text).min(1).max(50).optional(),
    /** Source address: an exact IP, a CIDR (10.0.0.0/8), or a prefix ending in a dot or colon (203.0.113.). */
    ip: z.string().min(1).max(100).optional(),
    /** Action contains this text (case-insensitive). */
    action: z.string().min(1).max(200).optional(),
    /** Target: a node id or alias (exact), else text the target contains. */
    target: z.string().min(1).max(1000).optional(),
    outcome: z.enum(['success', 'failure']).optional(),
    /** Inclusive bounds (ISO). */
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict();

export type EventQuery = z.infer<typeof eventQuery>;

export const eventsRequests = {
  'events.list': z
    .object({
      query: eventQuery,
      offset: z.number().int().min(0).max(1_000_000_000).optional(),
      limit: z.number().int().positive().max(2_000).optional(),
      /** Oldest first instead of newest first. */
      ascending: z.boolean().optional(),
    })
    .strict(),
};

export interface EventRow {
  id: number;
  at: string;
  identity: string | null;
  identityName: string | null;
  credential: string | null;
  credentialName: string | null;
  ip: string | null;
  /** tor, vpn, hosting, cloud, corporate, ci_runner, residential… from the intel layer; null when unknown. */
  networkClass: string | null;
  asn: number | null;
  userAgent: string | null;
  action: string | null;
  /** A node id when the target resolved to one, else the text the log gave. */
  target: string | null;
  targetName: string | null;
  outcome: 'success' | 'failure';
  /** The imported file the event came from and its line (or record number). */
  file: string | null;
  line: number | null;
  /**
   * Set when the event stands for a day's group of events from an auth roll-up (`auth-rollup`): `at` is the
   * group's first event, `ip` the network's first address.
   */
  dayGroup?: { day: string; events: number; lastSeen: string; network: string | null; addresses: number | null };
}

export interface EventsPage {
  total: number;
  offset: number;
  rows: EventRow[];
  /** What the query resolved to, for the screen's header: display names of the identities, credentials, target. */
  names: Record<string, string>;
}

export interface EventsResults {
  'events.list': EventsPage;
}
