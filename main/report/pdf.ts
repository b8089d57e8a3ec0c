// PDF from the HTML report with the machine's Chromium (headless print), for the CLI and browser mode.
// The desktop app prints with Electron's printToPDF instead. Chromium runs with networking features off.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApiError } from '../../shared/api/contract.ts';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string | null {
  const fromEnv = process.env.BLASTMAP_CHROMIUM;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((c) => fs.existsSync(c)) ?? null;
}

export function printPdf(htmlFile: string, pdfFile: string): void {
  const chromium = findChromium();
  if (!chromium)
    throw new ApiError('bad-input', 'no Chromium found to print the PDF (install chromium, or set BLASTMAP_CHROMIUM); the HTML report was written');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'blastmap-pdf-'));
  try {
    const r = spawnSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-extensions',
        `--user-data-dir=${profile}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${path.resolve(pdfFile)}`,
        pathToFileURL(path.resolve(htmlFile)).href,
      ],
      { timeout: 120_000, encoding: 'utf8' },
    );
    if (r.status !== 0 || !fs.existsSync(pdfFile))
      throw new ApiError('bad-input', `Chromium could not print the PDF: ${(r.stderr || r.error?.message || '').slice(0, 300)}`);
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
