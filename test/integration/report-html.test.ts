// The case report: self-contained (no request leaves the page in Chromium), hostile names inert, and a
// screenshot saved for a human to look at (test-results/screens/report.png).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, TestCase, runCli, tmpDir } from '../helpers.ts';

const CHROMIUM = process.env.BLASTMAP_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

async function reportCase(): Promise<TestCase> {
  const t = await TestCase.create();
  await t.call('import.files', { paths: [path.join(FIXTURES, 'csv')] });
  await t.importText('hostile.csv', 'id,name,kind,owner\n"<img src=x onerror=alert(1)>",<script>document.title="pwned"</script>,service_account,\n');
  await t.importText('hostile-ent.csv', 'principal,relation,target,privilege\n<img src=x onerror=alert(1)>,access,prod-db,admin\n');
  await t.call('graph.mark', { id: 'svc-deploy', mark: 'compromised', reason: 'key used from a Tor exit' });
  await t.call('graph.mark', { id: '<img src=x onerror=alert(1)>', mark: 'compromised', reason: '<b>bold?</b>' });
  return t;
}

describe('case report (HTML)', () => {
  it('contains every section, escapes hostile names, and references nothing external', async () => {
    const t = await reportCase();
    const report = await t.call('report.html', {});
    const h = report.content;
    for (const heading of [
      'Executive summary',
      'Scope',
      'Findings by severity',
      'Top attack paths',
      'Blast radius of compromised identities',
      'Remediation: choke points',
      'Audit trail',
    ]) {
      expect(h, heading).toContain(heading);
    }
    expect(h).not.toContain('<script>document');
    expect(h).not.toContain('<img src=x');
    expect(h).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(h).not.toMatch(/<script\b/i);
    expect(h).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    const sha = t.db.prepare('SELECT sha256 FROM source LIMIT 1').pluck().get() as string;
    expect(h).toContain(sha);
    t.close();
  });

  it('renders in Chromium with no network request and no script run; screenshot saved', async () => {
    const t = await reportCase();
    const file = path.join(tmpDir(), 'report.html');
    fs.writeFileSync(file, (await t.call('report.html', {})).content);
    t.close();
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(pathToFileURL(file).href);
      await page.waitForLoadState('load');
      expect(requests).toEqual([pathToFileURL(file).href]);
      expect(dialogs).toEqual([]);
      expect(await page.title()).toMatch(/^Blastmap case report/);
      expect(await page.locator('h2').allTextContents()).toContain('Top attack paths');
      const out = path.join(ROOT, 'test-results', 'screens');
      fs.mkdirSync(out, { recursive: true });
      await page.screenshot({ path: path.join(out, 'report.png'), fullPage: false });
      await page.pdf?.({ path: path.join(out, 'report-page.pdf') }).catch(() => undefined);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('writes HTML and PDF through the CLI', () => {
    const dir = tmpDir();
    const kase = path.join(dir, 'c.blastmap');
    expect(runCli(['import', kase, path.join(FIXTURES, 'csv')]).status).toBe(0);
    const r = runCli(['report', kase, '--out', path.join(dir, 'r.html'), '--pdf', path.join(dir, 'r.pdf'), '--json'], { timeout: 180_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(fs.readFileSync(summary.html, 'utf8')).toMatch(/^<!doctype html>/);
    expect(fs.readFileSync(summary.pdf).subarray(0, 5).toString()).toBe('%PDF-');
  }, 180_000);
});
