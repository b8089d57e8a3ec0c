// Forward migrations, in order. Index i (0-based) brings the schema to version i + 1.
import { sql as v1 } from './0001-initial.ts';
import { sql as v2 } from './0002-aws-policy.ts';
import { sql as v3 } from './0003-intel.ts';
import { sql as v4 } from './0004-pending-references.ts';
import { sql as v5 } from './0005-source-bytes.ts';
import { sql as v6 } from './0006-source-warnings.ts';
import { sql as v7 } from './0007-identity-kinds.ts';

export const MIGRATIONS: readonly string[] = [v1, v2, v3, v4, v5, v6, v7];
export const SCHEMA_VERSION = MIGRATIONS.length;
