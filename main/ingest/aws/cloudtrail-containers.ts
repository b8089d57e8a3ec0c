// Where CloudTrail records sit: the wrapper keys of S3 log files ({"Records":[…]}), lookup-events output
// ({"Events":[…]}), Event Hub and Graph-style exports, and the lookup-events envelope around each record.
// Shared by the in-thread reader and the parse worker so both read the same records.
import { parseRecord } from '../json/read-json-records.ts';

export const TRAIL_WRAPPER_KEYS: readonly string[] = ['Records', 'records', 'Events', 'events', 'value'];

/** lookup-events wraps each record: {"EventId", "EventName", …, "CloudTrailEvent": "<the record as JSON text>"}. */
export function unwrapLookup(value: unknown): unknown {
  const inner = value !== null && typeof value === 'object' ? (value as Record<string, unknown>).CloudTrailEvent : undefined;
  if (typeof inner !== 'string') return value;
  try {
    return parseRecord(inner);
  } catch {
    return value; // normalise rejects it with a specific reason
  }
}
