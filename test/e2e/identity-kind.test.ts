// The identity's kind on the Identity screen, in Chromium against the real server: the classifier's verdict and its
// reasons are shown, and the analyst changes the kind; the choice is written to the case and survives a re-import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCase } from '../helpers.ts';
import { auditFile, signInFile, SVC } from '../integration/support/entra-user-records.ts';
import { openWorkbench, screenshot, type Workbench } from './harness.ts';

let wb: Workbench | undefined;
let casePath: string;
let dir: string;

beforeAll(async () => {
  const t = await TestCase.create();
  await t.importText('entra-audit.ndjson', auditFile());
  await t.importText('signins.json', signInFile());
  casePath = t.path;
  dir = t.dir;
  t.close();
  wb = await openWorkbench({ casePath });
}, 180_000);
afterAll(async () => {
  await wb?.close();
});

describe('identity kind', () => {
  it('shows why a user object is a service account, and lets the analyst make it human', async () => {
    const { page } = wb!;
    const key = `entra:user:${SVC.id}`;
    await page.evaluate((id) => {
      location.hash = `#/identity/${encodeURIComponent(id)}`;
    }, key);
    const kind = page.getByTestId('identity-kind');
    await expect.poll(() => kind.textContent(), { timeout: 20_000 }).toContain('service_account');
    expect(await kind.textContent()).toContain('decided by the classifier');
    expect(await kind.textContent()).toContain('the source said human');
    expect(await page.getByTestId('identity-kind-because').textContent()).toMatch(
      /follows the machine-account convention svc-\*.*password never expires/,
    );
    await screenshot(page, 'identity-kind-classified');

    const form = page.getByRole('form', { name: 'Change kind' });
    await form.getByRole('combobox').selectOption('human');
    await form.getByPlaceholder('why (kept in the audit trail)').fill('the backup team shares this login at the desk');
    await form.getByRole('button', { name: 'Set kind' }).click();
    await expect.poll(() => kind.textContent(), { timeout: 10_000 }).toContain('decided by the analyst');
    expect(await page.getByTestId('identity-kind-because').textContent()).toMatch(/the backup team shares this login at the desk$/);
    await screenshot(page, 'identity-kind-analyst');
    expect(wb!.problems).toEqual([]);
  }, 60_000);

  it('the choice is in the case and survives a re-import', async () => {
    await wb!.close();
    wb = undefined;
    const t = new TestCase(dir);
    await t.call('case.open', { path: casePath });
    await t.importText('signins-again.json', signInFile().replace('"value"', '"value" '));
    const row = (await t.call('case.identities', {})).find((r) => r.id === `entra:user:${SVC.id}`);
    expect(row).toMatchObject({ kind: 'human', kindSource: 'analyst' });
    t.close();
  }, 60_000);
});
