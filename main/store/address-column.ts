// How auth_event.ip holds a source address. A case has hundreds of thousands of distinct addresses (random
// client and NAT addresses, a new one every few events in real CloudTrail and sshd logs); keeping each as a
// dictionary string cost a unique-index insert and a lookup per new address, the largest single cost of ingest.
// So the column holds the address itself:
//   - IPv4 as a negative integer (the unsigned 32-bit value minus 2^32), so it can never be taken for a term id;
//   - IPv6 as its 16 bytes (a BLOB; SQLite compares BLOBs bytewise, so a CIDR is a BETWEEN);
//   - anything else a log put in the address field, and every address of a case written before this encoding,
//     as a positive term id (the text in `term`), as before.
// Readers use addressSql() in SQL or addressText() in code, which read every form.
import type Database from 'better-sqlite3';
import ipaddr from 'ipaddr.js';

const V4_OFFSET = 4_294_967_296;

export type StoredAddress = number | Buffer;

/**
 * The stored form of an address already in canonical text (intel/ip.ts normaliseIp), or null when the text is
 * not an address (the caller keeps it as a term). IPv4-mapped IPv6 was folded to IPv4 by the normaliser.
 */
export function addressValue(canonical: string): StoredAddress | null {
  if (canonical.length > 45) return null;
  // Only text that reads back exactly is stored as a number or bytes: nothing the log wrote is changed.
  const v4 = dottedQuad(canonical);
  if (v4 >= 0) return storedIpv4(v4);
  // A zone (fe80::1%eth0) has no place in 16 bytes: such text stays a term.
  if (!canonical.includes(':') || canonical.includes('%') || !ipaddr.IPv6.isValid(canonical)) return null;
  const v6 = ipaddr.IPv6.parse(canonical);
  return v6.toString() === canonical ? Buffer.from(v6.toByteArray()) : null;
}

/** The stored form of an IPv4 address given as its unsigned 32-bit value. */
export function storedIpv4(n: number): number {
  return n - V4_OFFSET;
}

/** The text of a stored address, or null for a term id (and for anything that is not a stored address). */
export function addressText(value: unknown): string | null {
  if (typeof value === 'number') return value < 0 && value >= -V4_OFFSET ? formatV4(value + V4_OFFSET) : null;
  if (typeof value === 'bigint') return addressText(Number(value));
  if (value instanceof Uint8Array && value.length === 16) return ipaddr.fromByteArray([...value]).toString();
  return null;
}

/**
 * The address column as text in SQL: a stored address through address_text(), a term id through the term table.
 * COALESCE stops at the first non-null, so the term lookup runs only for term ids.
 */
export function addressSql(column: string): string {
  return `COALESCE(address_text(${column}), (SELECT value FROM term WHERE id = ${column}))`;
}

/** Registers address_text() on a connection: every connection that reads auth_event needs it (case-file.ts). */
export function registerAddressFunctions(db: Database.Database): void {
  db.function('address_text', { deterministic: true, varargs: false }, (value: unknown) => addressText(value));
}

/** A canonical dotted quad (no leading zeros, no spaces) → its unsigned value, else -1. Runs once per new address. */
function dottedQuad(s: string): number {
  const len = s.length;
  if (len < 7 || len > 15) return -1;
  let n = 0,
    octet = 0,
    digits = 0,
    dots = 0;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || octet > 255) return -1;
      n = n * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return -1; // a leading zero is not the canonical text
      octet = octet * 10 + (c - 48);
      if (++digits > 3) return -1;
    } else return -1;
  }
  return dots === 4 ? n : -1;
}

function formatV4(n: number): string {
  return `${Math.floor(n / 16_777_216) % 256}.${Math.floor(n / 65_536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}
