// IP text → numbers for range lookups. IPv4 becomes an unsigned 32-bit number, IPv6 a 128-bit bigint.
// Parsing is lenient (ports, brackets, zones, zero-padded octets, IPv4-mapped IPv6) because logs are;
// anything that is not an address returns null, never throws.
import ipaddr from 'ipaddr.js';
import type { StoredAddress } from '../store/address-column.ts';

export type ParsedIp = { family: 4; n: number } | { family: 6; big: bigint };

/**
 * Lenient IP normalisation: anonymised samples carry forms like `075.050.255.67`, logs add ports
 * or brackets. Returns the canonical text form, or null when it is not an IP at all.
 */
export function normaliseIp(cell: string | undefined | null): string | null {
  if (cell == null) return null;
  const hit = ipCache.get(cell);
  if (hit !== undefined) return hit;
  const ip = normaliseIpUncached(cell);
  if (ipCache.size >= 100_000) ipCache.clear();
  ipCache.set(cell, ip);
  return ip;
}

/** Logs repeat the same few thousand addresses; the cache keeps normalisation off the hot path. */
const ipCache = new Map<string, string | null>();

function normaliseIpUncached(cell: string): string | null {
  let s = cell.trim();
  if (!s || s.length > 100) return null;
  if (s.startsWith('[')) s = s.slice(1, s.indexOf(']') > 0 ? s.indexOf(']') : undefined);
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(s);
  if (v4port) s = v4port[1];
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const parts = v4.slice(1).map((p) => parseInt(p, 10));
    return parts.every((p) => p <= 255) ? parts.join('.') : null;
  }
  const zone = s.indexOf('%');
  if (zone > 0) s = s.slice(0, zone);
  if (!s.includes(':') || !ipaddr.IPv6.isValid(s)) return null;
  const addr = ipaddr.IPv6.parse(s);
  return addr.isIPv4MappedAddress() ? addr.toIPv4Address().toString() : addr.toString();
}

/** Fast path for the common plain dotted quad; everything else goes through the lenient normaliser. */
export function parseIp(text: string | null | undefined): ParsedIp | null {
  if (!text) return null;
  const n = parseDottedQuad(text);
  if (n >= 0) return { family: 4, n };
  const canonical = normaliseIp(text);
  if (!canonical) return null;
  if (!canonical.includes(':')) {
    const m = parseDottedQuad(canonical);
    return m >= 0 ? { family: 4, n: m } : null;
  }
  return { family: 6, big: ipv6ToBigInt(canonical) };
}

/** A plain a.b.c.d (no padding tricks) → uint32, or -1. Hand-rolled: it runs once per event. */
export function parseDottedQuad(s: string): number {
  const len = s.length;
  if (len < 7 || len > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits === 3) return -1;
      octet = octet * 10 + (c - 48);
      if (octet > 255) return -1;
      digits++;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

export function ipv6ToBigInt(text: string): bigint {
  const parts = ipaddr.IPv6.parse(text).parts;
  let big = 0n;
  for (const p of parts) big = (big << 16n) | BigInt(p);
  return big;
}

export interface ParsedCidr {
  family: 4 | 6;
  /** Inclusive numeric bounds (number for IPv4, bigint for IPv6). */
  start: number | bigint;
  end: number | bigint;
  /** Canonical text, e.g. `10.0.0.0/8`. */
  text: string;
}

/** `a.b.c.d/nn`, `v6::/nn` or a bare address (a /32 or /128). Host bits are masked off. */
export function parseCidr(text: string): ParsedCidr | null {
  const s = text.trim();
  if (!s || s.length > 100) return null;
  const slash = s.indexOf('/');
  const addrText = slash >= 0 ? s.slice(0, slash) : s;
  const ip = parseIp(addrText);
  if (!ip) return null;
  const maxBits = ip.family === 4 ? 32 : 128;
  const bitsText = slash >= 0 ? s.slice(slash + 1) : String(maxBits);
  if (!/^\d{1,3}$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  if (bits > maxBits) return null;
  if (ip.family === 4) {
    const size = 2 ** (32 - bits);
    const start = Math.floor(ip.n / size) * size;
    return { family: 4, start, end: start + size - 1, text: `${formatIpv4(start)}/${bits}` };
  }
  const hostBits = BigInt(128 - bits);
  const start = (ip.big >> hostBits) << hostBits;
  const end = start + (1n << hostBits) - 1n;
  return { family: 6, start, end, text: `${formatIpv6(start)}/${bits}` };
}

export function formatIpv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function formatIpv6(big: bigint): string {
  const parts: number[] = [];
  for (let i = 7; i >= 0; i--) parts.push(Number((big >> BigInt(i * 16)) & 0xffffn));
  return ipaddr.fromByteArray(parts.flatMap((p) => [p >> 8, p & 255])).toString();
}

/**
 * An address as auth_event stores it (store/address-column.ts) → numbers, without going through its text; null for
 * a term id (text the caller parses, if it is an address at all).
 */
export function parsedFromStored(stored: StoredAddress | null | undefined): ParsedIp | null {
  if (typeof stored === 'number') return stored < 0 && stored >= -4_294_967_296 ? { family: 4, n: stored + 4_294_967_296 } : null;
  if (stored && stored.length === 16) return { family: 6, big: (stored.readBigUInt64BE(0) << 64n) | stored.readBigUInt64BE(8) };
  return null;
}

/** The /24 (IPv4) or /48 (IPv6) around an address: the network of last resort when no ASN is known. */
export function coarsePrefix(ip: ParsedIp): string {
  if (ip.family === 4) return `${formatIpv4(ip.n - (ip.n % 256))}/24`;
  return `${formatIpv6((ip.big >> 80n) << 80n)}/48`;
}
