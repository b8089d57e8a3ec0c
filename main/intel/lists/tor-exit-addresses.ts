// Tor Project `exit-addresses` (TorDNSEL): blocks of ExitNode / Published / LastStatus / ExitAddress <ip> <time>.
// Each ExitAddress carries when the address was seen exiting, so a match only counts around that time.
// Timestamps are `YYYY-MM-DD HH:MM:SS` in UTC without a zone marker.
import { parseCidr } from '../ip.ts';
import { ListCollector, type ParsedList } from './types.ts';

export function looksLikeTorExitAddresses(head: string): boolean {
  return /^ExitNode [0-9A-F]{40}\s*$/m.test(head) && /^ExitAddress /m.test(head);
}

export function parseTorExitAddresses(text: string): ParsedList {
  const out = new ListCollector();
  let node = '';
  let latest = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const [keyword, ...rest] = line.split(/\s+/);
    if (keyword === 'ExitNode') node = /^[0-9A-F]{40}$/i.test(rest[0] ?? '') ? rest[0] : '';
    else if (keyword === 'ExitAddress') {
      const range = parseCidr(rest[0] ?? '');
      const seenAt = utcMillis(`${rest[1] ?? ''} ${rest[2] ?? ''}`);
      if (!range || !/\/(32|128)$/.test(range.text) || seenAt === null) {
        out.reject(line);
        continue;
      }
      if (seenAt > latest) latest = seenAt;
      out.entries.push({ cidr: range.text, seenAt, label: node ? `exit ${node.slice(0, 8)}` : null });
    } else if (!['Published', 'LastStatus', '@type', 'Downloaded'].includes(keyword)) out.reject(line);
  }
  return {
    format: 'tor-exit-addresses',
    class: 'tor',
    asOf: latest ? new Date(latest).toISOString() : null,
    entries: out.entries,
    rejected: out.rejected,
    rejectSamples: out.rejectSamples,
  };
}

/** `2024-03-12 08:10:51` (UTC, no zone) → epoch ms, or null. */
export function utcMillis(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z?$/.exec(text.trim());
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return Number.isFinite(ms) ? ms : null;
}
