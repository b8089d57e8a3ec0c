// The analyst's recent cases (newest first), kept as a small JSON file in the user's config folder.
// Shared by the Electron shell (File > Open recent) and `npm start` (which reopens the last case).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FILE = 'recent-cases.json';
const MAX = 10;

/** Electron's userData on each platform for an app named "blastmap"; BLASTMAP_CONFIG_DIR overrides it. */
export function defaultConfigDir(): string {
  if (process.env.BLASTMAP_CONFIG_DIR) return process.env.BLASTMAP_CONFIG_DIR;
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'blastmap');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'blastmap');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'blastmap');
}

export function readRecentCases(dir: string): string[] {
  try {
    const list = JSON.parse(fs.readFileSync(path.join(dir, FILE), 'utf8'));
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string' && path.isAbsolute(p)).slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function rememberCase(dir: string, casePath: string): string[] {
  const full = path.resolve(casePath);
  const list = [full, ...readRecentCases(dir).filter((p) => p !== full)].slice(0, MAX);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `${FILE}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(list, null, 2));
  fs.renameSync(tmp, path.join(dir, FILE));
  return list;
}

/** The most recent case that still exists on disk, if any. */
export function lastExistingCase(dir: string): string | null {
  return readRecentCases(dir).find((p) => fs.existsSync(p)) ?? null;
}
