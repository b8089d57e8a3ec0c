// Naming conventions that mark an account as a machine's (`svc-backup`, `deploy-bot`, `hr-sync`): one signal of the
// identity-kind classifier, never enough against a directory that describes a person. The analyst can replace the
// list per case (meta `identity_kind.name_patterns`), because conventions differ between organisations.
import type Database from 'better-sqlite3';
import { hasSavedNamePatterns, savedNamePatternsJson, saveNamePatternsJson } from '../store/identity-kind-settings.ts';

/** A glob over the account's short name (the part before `@` or `\`, lower case): `*` is any run of characters. */
export interface NamePattern {
  glob: string;
  kind: 'service_account' | 'ai_agent';
}

export const DEFAULT_NAME_PATTERNS: readonly NamePattern[] = [
  ...[
    'svc-*',
    'svc_*',
    'svc.*',
    'sa-*',
    'sa_*',
    'srv-*',
    'srv_*',
    '*-svc',
    '*_svc',
    '*-bot',
    '*_bot',
    '*-sync',
    '*_sync',
    '*-automation',
    '*-robot',
    'noreply*',
    'no-reply*',
    'scanner-*',
    '*-integration',
    '*-daemon',
    '*-cron',
    '*-job',
  ].map((glob) => ({ glob, kind: 'service_account' as const })),
  ...['ai-agent-*', '*-ai-agent', '*-copilot', 'copilot-*', '*-llm-*'].map((glob) => ({ glob, kind: 'ai_agent' as const })),
];

/** The case's patterns: the analyst's list when one is saved, else the defaults. */
export function namePatterns(db: Database.Database): NamePattern[] {
  const saved = savedNamePatternsJson(db);
  if (!saved) return [...DEFAULT_NAME_PATTERNS];
  try {
    const list = JSON.parse(saved) as unknown;
    if (Array.isArray(list)) return list.filter(isPattern);
  } catch {
    // A damaged setting falls back to the defaults rather than classifying nothing.
  }
  return [...DEFAULT_NAME_PATTERNS];
}

/** Whether the case has its own list. */
export function hasCustomNamePatterns(db: Database.Database): boolean {
  return hasSavedNamePatterns(db);
}

/** Saves the analyst's list for this case (an empty list turns naming off); null restores the defaults. */
export function saveNamePatterns(db: Database.Database, patterns: readonly NamePattern[] | null): void {
  saveNamePatternsJson(db, patterns === null ? null : JSON.stringify(patterns.filter(isPattern)));
}

export interface NameMatch {
  name: string;
  pattern: NamePattern;
}

/** The first pattern any of the names matches (names: display name, login, key), or null. */
export function matchName(names: readonly (string | null | undefined)[], patterns: readonly NamePattern[]): NameMatch | null {
  const compiled = compile(patterns);
  for (const raw of names) {
    const short = shortName(raw);
    if (!short) continue;
    for (const c of compiled) if (c.matches(short)) return { name: short, pattern: c.pattern };
  }
  return null;
}

/** Globs split once per list (the classifier matches every identity of the case against the same list). */
const compiledLists = new WeakMap<readonly NamePattern[], { pattern: NamePattern; matches(text: string): boolean }[]>();

function compile(patterns: readonly NamePattern[]) {
  let c = compiledLists.get(patterns);
  if (!c) compiledLists.set(patterns, (c = patterns.map((pattern) => ({ pattern, matches: globMatcher(pattern.glob) }))));
  return c;
}

/** `DOMAIN\svc-x`, `svc-x@corp.example`, `arn:aws:iam::1:user/ops/svc-x` → `svc-x`. */
export function shortName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim().toLowerCase();
  const at = s.indexOf('@');
  if (at > 0) s = s.slice(0, at);
  s = s.slice(Math.max(s.lastIndexOf('\\'), s.lastIndexOf('/'), s.lastIndexOf(':')) + 1);
  return s.length > 0 && s.length <= 256 ? s : null;
}

function globMatcher(glob: string): (text: string) => boolean {
  const parts = glob.toLowerCase().split('*');
  const first = parts[0];
  const last = parts[parts.length - 1];
  const middles = parts.slice(1, -1);
  if (parts.length === 1) return (text) => text === first;
  return (text) => {
    if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
    let at = first.length;
    const end = text.length - last.length;
    for (const middle of middles) {
      const found = text.indexOf(middle, at);
      if (found < 0 || found + middle.length > end) return false;
      at = found + middle.length;
    }
    return true;
  };
}

function isPattern(p: unknown): p is NamePattern {
  const o = p as NamePattern;
  return !!o && typeof o.glob === 'string' && o.glob.length > 0 && o.glob.length <= 100 && (o.kind === 'service_account' || o.kind === 'ai_agent');
}
