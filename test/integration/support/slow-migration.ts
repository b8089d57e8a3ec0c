// Child process for the crash-safety test: opens a case with one extra, deliberately slow migration,
// announces that it started, and is killed by the test while the migration runs.
import { openCase } from '../../../main/store/case-file.ts';
import { MIGRATIONS } from '../../../main/store/migrations/index.ts';

const slow = `CREATE TABLE crash_probe (x INTEGER);
  WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 200000000) INSERT INTO crash_probe SELECT x FROM c;`;
process.stdout.write('migrating\n');
openCase(process.argv[2], { migrations: [...MIGRATIONS, slow] });
process.stdout.write('finished\n');
