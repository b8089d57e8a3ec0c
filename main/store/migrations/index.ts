// Forward migrations, in order. Index i (0-based) brings the schema to version i + 1.
import { sql as v1 } from './0001-initial.ts';

export const MIGRATIONS: readonly string[] = [v1];
export const SCHEMA_VERSION = MIGRATIONS.length;
