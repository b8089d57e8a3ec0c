import { describe, expect, it } from 'vitest';
import { ByteMemo } from '../../main/ingest/byte-memo.ts';

function remember(memo: ByteMemo, key: string, value: number): void {
  const bytes = Buffer.from(`..${key}..`);
  expect(memo.find(bytes, 2, bytes.length - 2)).toBe(-1);
  memo.set(bytes, 2, bytes.length - 2, value);
}

function lookup(memo: ByteMemo, key: string): number | undefined {
  const bytes = Buffer.from(`#${key}`);
  const e = memo.find(bytes, 1, bytes.length);
  return e < 0 ? undefined : memo.value(e);
}

describe('ByteMemo', () => {
  it('finds by bytes what a Map finds by string, through growth', () => {
    const memo = new ByteMemo();
    const truth = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const key = i % 3 ? `svc-${i}` : `ü-${i}-${'x'.repeat(i % 50)}`;
      remember(memo, key, i * 0.5);
      truth.set(key, i * 0.5);
    }
    expect(memo.size).toBe(20_000);
    for (const [key, value] of truth) expect(lookup(memo, key)).toBe(value);
    expect(lookup(memo, 'svc-20001')).toBeUndefined();
    expect(lookup(memo, '')).toBeUndefined();
    remember(memo, '', -1);
    expect(lookup(memo, '')).toBe(-1);
  });

  it('tells apart keys that share a prefix or differ in one byte', () => {
    const memo = new ByteMemo();
    remember(memo, 'ab', 1);
    remember(memo, 'abc', 2);
    remember(memo, 'abd', 3);
    expect([lookup(memo, 'ab'), lookup(memo, 'abc'), lookup(memo, 'abd'), lookup(memo, 'a')]).toEqual([1, 2, 3, undefined]);
  });

  it('starts over instead of growing past its limits', () => {
    const memo = new ByteMemo({ maxEntries: 100, maxKeyBytes: 1000 });
    for (let i = 0; i < 250; i++) remember(memo, `k${i}`, i);
    expect(memo.size).toBe(50);
    expect(lookup(memo, 'k249')).toBe(249);
    expect(lookup(memo, 'k0')).toBeUndefined();
    const big = Buffer.alloc(2000, 65);
    memo.find(big, 0, big.length);
    memo.set(big, 0, big.length, 1);
    expect(memo.find(big, 0, big.length)).toBe(-1);
  });

  it('stays correct and bounded when every key collides (hostile input)', () => {
    const memo = new (class extends ByteMemo {
      protected override hashOf(): number {
        return 7;
      }
    })();
    for (let i = 0; i < 5000; i++) {
      const bytes = Buffer.from(`k${i}`);
      if (memo.find(bytes, 0, bytes.length) < 0) memo.set(bytes, 0, bytes.length, i);
    }
    // Only the keys that fit near their home slot are kept; every answer given is right.
    expect(memo.size).toBe(64);
    expect(lookup(memo, 'k0')).toBe(0);
    expect(lookup(memo, 'k63')).toBe(63);
    expect(lookup(memo, 'k64')).toBeUndefined();
    expect(lookup(memo, 'k4999')).toBeUndefined();
  });
});
