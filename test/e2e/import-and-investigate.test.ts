// The analyst's day in the browser, against the real server and engine: create a case, import the
// canonical CSVs through the UI (including one that needs column mapping), see the counts, read the
// overview, browse the inventory, search, open an identity.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, tmpDir, writeFile } from '../helpers.ts';
import { eventually, nav, openWorkbench, screenshot, type Workbench } from './harness.ts';

let wb: Workbench;
let dir: string;
const CSV = path.join(FIXTURES, 'csv');

beforeAll(async () => {
  dir = tmpDir('blastmap-e2e-');
  wb = await openWorkbench({ casePath: path.join(dir, 'incident.blastmap'), create: true });
}, 60_000);
afterAll(async () => {
  await wb?.close();
});

describe('workbench in Chromium', () => {
  it('opens on the empty case and shows the case home', async () => {
    const { page } = wb;
    await nav(page, 'Cases').click();
    await page.getByRole('heading', { name: 'Cases', exact: true }).waitFor();
    await eventually(() => page.locator('.topbar').textContent()).toContain('incident.blastmap');
    await screenshot(page, 'case-home');
    // New case, then back to the first one from the recent list.
    await page.getByLabel('Case file path').fill(path.join(dir, 'scratch.blastmap'));
    await page.getByRole('button', { name: 'Create new case' }).click();
    await eventually(() => page.locator('.topbar').textContent()).toContain('scratch.blastmap');
    await nav(page, 'Cases').click();
    await page.getByRole('button', { name: path.join(dir, 'incident.blastmap'), exact: true }).click();
    await eventually(() => page.locator('.topbar').textContent()).toContain('incident.blastmap');
  });

  it('imports the canonical CSVs through the UI and shows the counts', async () => {
    const { page } = wb;
    await nav(page, 'Import').click();
    const files = fs.readdirSync(CSV).map((f) => path.join(CSV, f));
    await page.getByTestId('file-input').setInputFiles(files);
    // Every file is uploaded and recognised, with a preview of its first rows.
    for (const f of files)
      await page
        .getByRole('article', { name: path.basename(f) })
        .locator('.detect', { hasText: 'Detected' })
        .waitFor();
    await eventually(() => page.getByRole('article', { name: 'identities.csv' }).textContent()).toContain('identities-csv');
    await eventually(() => page.getByRole('article', { name: 'identities.csv' }).locator('.preview').textContent()).toContain('svc-deploy');
    await screenshot(page, 'import-detected');
    await page.getByRole('button', { name: `Import ${files.length} files` }).click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    const expected = files.reduce((n, f) => n + fs.readFileSync(f, 'utf8').trim().split('\n').length - 1, 0);
    await eventually(() => summary.textContent()).toContain(`${expected} rows loaded`);
    await screenshot(page, 'import-result');
  });

  it('maps the columns of an unrecognised CSV, saves the preset, and imports it', async () => {
    const { page } = wb;
    const hr = writeFile(
      dir,
      'hr-export.csv',
      'Login,Full Name,Account Class,Responsible\njdoe,"Doe, Jane",human,\nbuild-bot,Build bot,service_account,jdoe\n',
    );
    await page.getByTestId('file-input').setInputFiles(hr);
    const card = page.getByRole('article', { name: 'hr-export.csv' });
    await card.getByText('not recognised').waitFor();
    await card.getByLabel('Column for id').selectOption('Login');
    await card.getByLabel('Column for kind').selectOption('Account Class');
    await card.getByLabel('Column for name').selectOption('Full Name');
    await card.getByLabel('Column for owner').selectOption('Responsible');
    await card.getByLabel('Preset name').fill('HR export');
    await card.getByRole('button', { name: 'Save as preset' }).click();
    await card.getByLabel('Apply a saved mapping preset').waitFor();
    await screenshot(page, 'import-mapping');
    await card.getByRole('button', { name: 'Use this mapping' }).click();
    await card.getByText('Mapped columns').waitFor();
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    await eventually(() => page.getByTestId('import-summary').textContent()).toContain('2 rows loaded');
  });

  it('shows rejected rows of an import and explains them', async () => {
    const { page } = wb;
    const bad = writeFile(dir, 'more-systems.csv', 'id,name,kind,criticality\nwiki,Wiki,saas,low\nmystery,Mystery box,spaceship,high\n');
    await page.getByTestId('file-input').setInputFiles(bad);
    await page.getByRole('article', { name: 'more-systems.csv' }).locator('.detect', { hasText: 'Detected' }).waitFor();
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    await eventually(() => page.getByTestId('import-summary').textContent()).toContain('1 row loaded, 1 rejected');
    await page.getByRole('button', { name: 'View rejects' }).click();
    const rejects = page.getByRole('region', { name: /Rejected rows of more-systems.csv/ });
    await eventually(() => rejects.textContent()).toContain('spaceship');
    await screenshot(page, 'import-rejects');
  });

  it('cancels a running import and leaves the case as it was', async () => {
    const { page } = wb;
    // An inventory big enough to take seconds. (A large auth log is not used here: its parallel load has a long
    // synchronous write phase during which the engine cannot see a cancel.)
    const lines = ['id,name,kind'];
    for (let i = 0; i < 600_000; i++) lines.push(`bulk-${i},Bulk ${i},service_account`);
    const big = writeFile(dir, 'bulk-identities.csv', `${lines.join('\n')}\n`);
    await page.getByTestId('file-input').setInputFiles(big);
    await page.getByRole('article', { name: 'bulk-identities.csv' }).locator('.detect', { hasText: 'Detected' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Import 1 file' }).click();
    // Cancel at once: the engine must roll the file back whatever it had loaded so far. (Rows/s during a long
    // load is checked while the demo case builds.)
    const cancel = page.getByRole('button', { name: 'Cancel import' });
    await cancel.waitFor();
    await page.getByRole('progressbar', { name: 'Import progress' }).waitFor();
    await screenshot(page, 'import-progress', { quick: true });
    await cancel.click();
    await eventually(() => page.getByRole('alert').textContent(), 30_000).toContain('Import cancelled');
    // Nothing of the cancelled file is in the case (the overview test below counts the identities exactly).
    await nav(page, 'Overview').click();
    await page.getByTestId('lifecycle').waitFor();
    expect(await page.getByTestId('lifecycle').locator('.figure', { hasText: 'identities' }).locator('.figure-value').textContent()).toBe('7');
  }, 90_000);

  it('shows the overview with lifecycle figures and charts', async () => {
    const { page } = wb;
    await nav(page, 'Overview').click();
    const lifecycle = page.getByTestId('lifecycle');
    await lifecycle.waitFor();
    // Five identities in identities.csv (the group and role rows are not identities) plus two from the mapped HR export.
    expect(await lifecycle.locator('.figure', { hasText: 'identities' }).locator('.figure-value').textContent()).toBe('7');
    expect(await lifecycle.locator('.figure', { hasText: 'human' }).first().locator('.figure-value').textContent()).toBe('3');
    await page.getByRole('img', { name: /Auth activity/ }).waitFor();
    await page.getByRole('img', { name: /Credential age/ }).waitFor();
    await screenshot(page, 'overview');
  });

  it('browses, filters and sorts the inventory', async () => {
    const { page } = wb;
    await nav(page, 'Inventory').click();
    const grid = page.getByRole('grid', { name: 'identities' });
    await grid.getByRole('gridcell', { name: 'svc-deploy' }).first().waitFor();
    await page.getByLabel('Filter kind').fill('human');
    await eventually(() => page.locator('.count').textContent()).toContain('3 identities');
    await screenshot(page, 'inventory-identities');
    // Export writes what the filter selects, with the visible columns.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = fs
      .readFileSync((await download.path())!, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toBe('id,name,kind,owner,environment,status,provider,last_used_at,decided_by,because');
    expect(
      csv
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(['alice', 'bob', 'jdoe']);
    // Keyboard: the grid takes focus, arrows move the active row, Enter opens it.
    await grid.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Bob Builder/ }).waitFor();
    await page.goBack();
    await page.getByRole('grid', { name: 'identities' }).waitFor();
    await page.getByRole('link', { name: 'credentials' }).click();
    await page
      .getByRole('grid', { name: 'credentials' })
      .getByRole('gridcell', { name: /AKIAEXAMPLE1/ })
      .waitFor();
    await screenshot(page, 'inventory-credentials');
  });

  it('finds an identity with Ctrl+K and opens its detail', async () => {
    const { page } = wb;
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Search the case' });
    await dialog.getByRole('searchbox').fill('deploy');
    await dialog.getByRole('option').filter({ hasText: 'svc-deploy' }).waitFor();
    await screenshot(page, 'search');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /svc-deploy/ }).waitFor();
    await eventually(() => page.getByRole('region', { name: /Credentials/ }).textContent()).toContain('AKIAEXAMPLE1');
    await eventually(() => page.getByRole('region', { name: /Source networks/ }).textContent()).toContain('185.220.101.1');
    await eventually(() => page.getByRole('region', { name: /Source networks/ }).textContent()).toContain('tor');
    await screenshot(page, 'identity-detail');
  });

  it('shows the blast radius graph and the paths to crown jewels', async () => {
    const { page } = wb;
    await page.getByRole('link', { name: 'Show in graph' }).click();
    await page.getByRole('heading', { name: /Blast radius of/ }).waitFor();
    await page.getByRole('img', { name: /nodes reached from Deploy bot/ }).waitFor();
    await eventually(() => page.getByRole('region', { name: 'Reached systems' }).textContent()).toContain('prod-db');
    await page.waitForTimeout(300); // let the layout settle before the picture
    await screenshot(page, 'graph');
    // One attack-path screen: the blast radius's "Paths to crown jewels" opens the walker from this identity.
    await page.getByRole('link', { name: 'Paths to crown jewels' }).click();
    await page.getByRole('heading', { name: 'Attack paths' }).waitFor();
    expect(await page.getByLabel('Entry points').inputValue()).toBe('svc-deploy');
    await eventually(() => page.locator('.path-choice').first().textContent()).toContain('3 hops');
    expect(await page.locator('.walk-trail').textContent()).toContain('ETL admin role');
    await screenshot(page, 'paths');
  });

  it('runs the detectors, opens a finding and triages it', async () => {
    const { page } = wb;
    await nav(page, 'Findings').click();
    await page.getByRole('button', { name: 'Run detectors' }).click();
    const first = page.locator('.finding-row .node-name').first();
    await first.waitFor();
    await first.click();
    const detail = page.getByRole('article', { name: /^Finding / });
    await detail.getByRole('heading', { name: 'Evidence' }).waitFor();
    await detail.getByLabel('Status').selectOption('accepted-risk');
    await detail.getByLabel('Note').fill('Known test credential; rotation ticket SEC-42');
    await detail.getByRole('button', { name: 'Save triage' }).click();
    await eventually(() => detail.textContent()).toContain('Saved: accepted-risk');
    // The list reflects the decision, and the note is kept when the finding is reopened.
    await eventually(() => page.locator('.finding-row.current').textContent()).toContain('accepted-risk');
    await page.reload();
    await eventually(() => page.getByLabel('Note', { exact: true }).inputValue()).toBe('Known test credential; rotation ticket SEC-42');
    await screenshot(page, 'findings');
  });

  it('shows findings on the overview, in dark mode too', async () => {
    const { page } = wb;
    await nav(page, 'Overview').click();
    await page.getByTestId('findings-by-severity').waitFor();
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Case report (HTML)' }).click()]);
    expect(report.suggestedFilename()).toMatch(/\.html$/);
    expect(fs.readFileSync((await report.path())!, 'utf8')).toMatch(/<html[\s>]/i);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'overview-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('logs no errors in the page', () => {
    expect(wb.problems).toEqual([]);
  });
});
