import { describe, expect, it } from 'vitest';
import { fastUtcMillisFromBytes, INVALID, normaliseIp, parseIsoDate, parseIsoMillis } from '../../main/ingest/normalise.ts';

describe('parseIsoMillis', () => {
  it('agrees with Date.parse on the fast canonical forms and on the general forms', () => {
    for (const s of ['2024-05-31T23:59:59Z', '2024-01-01T00:00:00.123Z', '2024-02-29T12:00:00Z', '2024-12-31T23:59:59.999Z']) {
      expect(parseIsoMillis(s)).toBe(Date.parse(s));
    }
    expect(parseIsoMillis('2024-05-31')).toBe(Date.UTC(2024, 4, 31));
    expect(parseIsoMillis('2024-05-31 10:00')).toBe(Date.UTC(2024, 4, 31, 10));
    expect(parseIsoMillis('2024-05-31T10:00:00+02:00')).toBe(Date.UTC(2024, 4, 31, 8));
    expect(parseIsoMillis('2024-05-31T10:00:00.1234567-0130')).toBe(Date.UTC(2024, 4, 31, 11, 30, 0, 123));
  });

  it('rejects impossible and absurd dates instead of rolling them over', () => {
    for (const s of [
      '2024-02-30T00:00:00Z',
      '2023-02-29',
      '2024-13-01',
      '2024-01-01T24:00:00Z',
      '9999-01-01',
      '0001-01-01T00:00:00Z',
      'yesterday',
      '1717200000',
    ]) {
      expect(parseIsoMillis(s), s).toBe(INVALID);
    }
    expect(parseIsoMillis('  ')).toBeNull();
    expect(parseIsoDate('2024-05-31T10:00:00Z')).toBe('2024-05-31T10:00:00.000Z');
  });
});

describe('normaliseIp', () => {
  it('accepts odd but real forms and refuses non-addresses', () => {
    expect(normaliseIp('075.050.255.67')).toBe('75.50.255.67');
    expect(normaliseIp('10.0.0.1:443')).toBe('10.0.0.1');
    expect(normaliseIp('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(normaliseIp('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normaliseIp('fe80::1%eth0')).toBe('fe80::1');
    expect(normaliseIp('256.1.1.1')).toBeNull();
    expect(normaliseIp('ec2.amazonaws.com')).toBeNull();
    expect(normaliseIp('x'.repeat(1000))).toBeNull();
  });
});

describe('parseIsoMillis on canonical UTC timestamps', () => {
  it('agrees with Date.parse across leap years, month ends and centuries', () => {
    const mismatches: string[] = [];
    // Steps of 7h 20m 34.567s walk every hour, minute, second and millisecond position over the years.
    for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2099, 11, 31); t += 26_434_567) {
      const iso = new Date(t).toISOString();
      const whole = iso.replace(/\.\d{3}Z$/, 'Z');
      if (parseIsoMillis(iso) !== Date.parse(iso)) mismatches.push(iso);
      if (parseIsoMillis(whole) !== Date.parse(whole)) mismatches.push(whole);
    }
    for (const iso of ['2000-02-29T23:59:59Z', '2024-02-29T00:00:00.001Z', '2100-01-01T00:00:00Z', '1999-12-31T23:59:59.999Z']) {
      if (parseIsoMillis(iso) !== Date.parse(iso)) mismatches.push(iso);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('parseIsoMillis with one to nine fraction digits (Entra writes seven)', () => {
  it('truncates the fraction to milliseconds, from text and from bytes alike', () => {
    const mismatches: string[] = [];
    for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2099, 11, 31); t += 126_434_567) {
      const seconds = new Date(t).toISOString().slice(0, 19);
      for (let digits = 1; digits <= 9; digits++) {
        const fraction = String(t % 1_000_000_000)
          .padStart(9, '0')
          .slice(0, digits);
        const text = `${seconds}.${fraction}Z`;
        const expected = Date.parse(`${seconds}Z`) + Number(fraction.padEnd(3, '0').slice(0, 3));
        const bytes = Buffer.from(text);
        const fromBytes = fastUtcMillisFromBytes(bytes, 0, bytes.length);
        if (parseIsoMillis(text) !== expected || (fromBytes !== null && fromBytes !== expected)) mismatches.push(text);
      }
    }
    expect(mismatches).toEqual([]);
    expect(parseIsoMillis('2026-10-21T00:00:00.4857685Z')).toBe(Date.UTC(2026, 9, 21, 0, 0, 0, 485));
    expect(parseIsoMillis('2026-10-21T00:00:00.Z')).toBe(INVALID);
    expect(parseIsoMillis('2026-10-21T00:00:00.1234567890Z')).toBe(INVALID);
  });
});

describe('fastUtcMillisFromBytes', () => {
  it('reads canonical timestamps from bytes as parseIsoMillis reads the text, and declines everything else', () => {
    const mismatches: string[] = [];
    const texts: string[] = [];
    for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2099, 11, 31); t += 126_434_567) {
      const iso = new Date(t).toISOString();
      texts.push(iso, iso.replace(/\.\d{3}Z$/, 'Z'));
    }
    texts.push(
      '2024-02-30T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-01-01T24:00:00Z',
      '2024-01-01 00:00:00Z',
      '2024-01-01T00:00:00',
      '2024-01-01T00:00:00+00:00',
      '2024-01-01T00:00:0xZ',
      '2024-01-01T00:00:00.12Z',
      'ü024-01-01T00:00:00Z',
      '1989-12-31T23:59:59Z',
      '',
    );
    for (const text of texts) {
      const bytes = Buffer.from(`,${text},`);
      const fast = fastUtcMillisFromBytes(bytes, 1, bytes.length - 1);
      const full = parseIsoMillis(text);
      // null means "take the full path"; a number must be what the full path says.
      if (fast !== null && fast !== full) mismatches.push(text);
    }
    expect(mismatches).toEqual([]);
    const hits = texts.filter((t) => {
      const b = Buffer.from(t);
      return fastUtcMillisFromBytes(b, 0, b.length) !== null;
    });
    expect(hits.length).toBeGreaterThan(texts.length * 0.8);
  });
});
