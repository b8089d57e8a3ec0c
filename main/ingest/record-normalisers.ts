// Pure record normalisers a JSON-records worker may run, by name (a worker cannot be handed a function).
// Each turns one parsed record into what its importer loads, or throws RecordError with the reject reason.
import type { Rec } from './entra/json-log.ts';
import { readSignIn } from './entra/signin-record.ts';

export const RECORD_NORMALISERS = {
  'entra-signin': readSignIn,
} satisfies Record<string, (r: Rec) => unknown>;

export type NormaliserName = keyof typeof RECORD_NORMALISERS;
export type Normalised<N extends NormaliserName> = ReturnType<(typeof RECORD_NORMALISERS)[N]>;
