// A case built from pushdown results, in Chromium against the real server: the events browser says that a row
// stands for a day's group of events (count, last event on hover) and shows its network, not an address.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_ROLLUP_COLUMNS } from '../../shared/auth-rollup.ts';
import { importFiles } from '../../main/ingest/run-import.ts';
import { openCase } from '../../main/store/case-file.ts';
import { tmpDir } from '../helpers.ts';
import { eventually, nav, openWorkbench, screenshot, type Workbench } from './harness.ts';

let wb: Workbench;
let dir: string;

beforeAll(async () => {
  dir = tmpDir('blastmap-e2e-day-groups-');
  const file = path.join(dir, 'cloudtrail.auth-rollup.csv');
  fs.writeFileSync(
    file,
    `${AUTH_ROLLUP_COLUMNS.join(',')}
arn:aws:iam::111122223333:role/deploy,AKIAEXAMPLEKEY000001,198.51.100.0/24,,aws-cli/2.15,s3.amazonaws.com:GetObject,arn:aws:s3:::exports,success,2024-05-01,120,2024-05-01T01:00:00Z,2024-05-01T22:00:00Z,3
arn:aws:iam::111122223333:role/deploy,AKIAEXAMPLEKEY000001,203.0.113.0/24,,aws-cli/2.15,s3.amazonaws.com:PutObject,arn:aws:s3:::exports,failure,2024-05-02,2,2024-05-02T03:00:00Z,2024-05-02T03:05:00Z,1
`,
  );
  const casePath = path.join(dir, 'pushdown.blastmap');
  const kase = openCase(casePath, { create: true });
  await importFiles(kase, { paths: [file] });
  kase.close();
  wb = await openWorkbench({ casePath });
}, 180_000);
afterAll(async () => {
  await wb?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('events from an auth roll-up', () => {
  it('are marked as day groups, with their count and network', async () => {
    const { page } = wb;
    await nav(page, 'Events').click();
    await eventually(() => page.getByTestId('events-total').textContent(), 30_000).toBe('2 events');
    await expect(page.getByTestId('events-day-groups').textContent()).resolves.toContain("a day's group of events from an auth roll-up");
    const text = await page.locator('.events-row').allTextContents();
    expect(text.some((t) => t.includes('day ×120') && t.includes('198.51.100.0/24'))).toBe(true);
    expect(text.some((t) => t.includes('day ×2') && t.includes('203.0.113.0/24'))).toBe(true);
    expect(await page.locator('[title^="stands for 120 events on 2024-05-01"]').count()).toBe(1);
    expect(wb.problems).toEqual([]);
    await screenshot(page, 'events-day-groups');
  }, 60_000);
});
