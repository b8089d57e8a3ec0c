// Whether a person has left, and when, defined once: the orphaned-identity owners (store/orphans.ts) and the rule
// token-used-after-owner-left both read this, so "the owner left" means the same thing everywhere.
// A person has left when a source says the account is disabled or deleted (the inventory's status column, an Entra
// user's accountEnabled, an Okta deactivation or suspension), or when a log records their departure without
// disabling anything (`left_at`: removed from the GitHub organisation). A later return (`returned_at`: reactivated,
// added back) cancels a recorded departure. When it happened is known only where a source gives a time.

export type DepartureHow = 'disabled' | 'deleted' | 'departed';

export interface Departure {
  how: DepartureHow;
  /** When they left (ISO 8601), or null when no source gives the time. */
  at: string | null;
  /** What recorded it, in words ("Okta user.lifecycle.deactivate", "status column"). */
  basis: string;
}

/** Time fields some sources give for a change of status (Okta `statusChanged`, HR exports' termination dates). */
const TIME_FIELDS = ['left_at', 'disabled_at', 'deactivated_at', 'deleted_at', 'terminated_at', 'termination_date', 'statusChanged'] as const;

/** The departure of an identity with this status and these props, or null while they are still here. */
export function departureOf(status: string | null, props: Record<string, unknown>): Departure | null {
  const leftAt = time(props.left_at);
  const returnedAt = time(props.returned_at);
  const recorded = leftAt !== null && (returnedAt === null || returnedAt < leftAt);
  if (status !== 'disabled' && status !== 'deleted' && !recorded) return null;
  const how: DepartureHow = status === 'deleted' ? 'deleted' : status === 'disabled' ? 'disabled' : 'departed';
  const basis = typeof props.left_by === 'string' ? props.left_by.slice(0, 200) : status ? 'status' : 'departure recorded';
  // A time older than the latest return is about an earlier departure, not this one.
  for (const f of TIME_FIELDS) {
    const t = time(props[f]);
    if (t !== null && (returnedAt === null || t > returnedAt)) return { how, at: new Date(t).toISOString(), basis };
  }
  return { how, at: null, basis };
}

function time(v: unknown): number | null {
  if (typeof v !== 'string' || !v) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}
