// The `auth-rollup` importer: the small result of a `blastmap pushdown` auth roll-up query (or any CSV with the
// same columns), recognised by its header like the canonical CSVs. Each row is one group of one UTC day; it
// lands as one auth event standing for the group (auth-rollup-row.ts). Never drops a row: a bad one is a reject.
import { AUTH_ROLLUP_FORMAT, AUTH_ROLLUP_SPEC } from '../../../shared/auth-rollup.ts';
import { matchHeader } from '../../../shared/csv-formats.ts';
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { loadRollupRow, normaliseRollupRow } from './auth-rollup-row.ts';
import { loadHeaderRows } from './header-rows.ts';
import { previewRecords } from './stream-csv.ts';

export const authRollupImporter: Importer = {
  name: AUTH_ROLLUP_FORMAT,
  description:
    'Auth roll-up: events grouped per identity, credential, network, user agent, action, target, outcome and UTC day (blastmap pushdown results)',
  detect,
  run,
};

function detect(sample: Sample): Detection | null {
  const head = sample.head.trimStart();
  if (!head || head[0] === '{' || head[0] === '[') return null;
  const [header = []] = previewRecords(sample.head, 1);
  if (header.length < 4) return null;
  const match = matchHeader(AUTH_ROLLUP_SPEC, header);
  if (match.missing.length) return null;
  // The count columns (events, first_seen, last_seen per day) are not in any single-event format: once they are
  // all there, this is a roll-up, above the auth_events CSV that a `date` column would also satisfy.
  return { confidence: Math.min(0.97, 0.8 + 0.17 * match.score), reason: `header has roll-up columns (${Object.keys(match.columns).join(', ')})` };
}

async function run(ctx: ImportContext): Promise<void> {
  await loadHeaderRows(ctx, AUTH_ROLLUP_SPEC, { what: 'an auth roll-up' }, (get, _locator, rowNumber) =>
    loadRollupRow(normaliseRollupRow(get), rowNumber, ctx.writer),
  );
}
