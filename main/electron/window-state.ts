// Remembers the main window's size, position and maximised state between runs (JSON in userData).
// A damaged or hostile file only ever yields the defaults, clamped to sane sizes.
import fs from 'node:fs';
import path from 'node:path';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1400, height: 900, maximized: false };
const FILE = 'window-state.json';

export function loadWindowState(dir: string): WindowState {
  try {
    return sanitiseWindowState(JSON.parse(fs.readFileSync(path.join(dir, FILE), 'utf8')));
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
}

export function saveWindowState(dir: string, state: WindowState): void {
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `${FILE}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(sanitiseWindowState(state)));
  fs.renameSync(tmp, path.join(dir, FILE));
}

export function sanitiseWindowState(value: unknown): WindowState {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const int = (n: unknown, min: number, max: number): number | undefined =>
    typeof n === 'number' && Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : undefined;
  return {
    x: int(v.x, -10_000, 10_000),
    y: int(v.y, -10_000, 10_000),
    width: int(v.width, 900, 10_000) ?? DEFAULT_WINDOW_STATE.width,
    height: int(v.height, 600, 10_000) ?? DEFAULT_WINDOW_STATE.height,
    maximized: v.maximized === true,
  };
}
