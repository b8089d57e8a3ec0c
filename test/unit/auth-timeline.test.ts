// The auth timeline's passes: successes and failures per bucket, and anonymous events counted only for addresses
// whose class is anonymising, at the event's time where a time-stamped list (a Tor exit seen on some days) decides.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authTimeline, type NetworkClasses } from '../../main/inventory/timeline.ts';
import { TestCase } from '../helpers.ts';

let t: TestCase;
let dir: string;
const DAY = 86_400_000;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeline-'));
  const rows = ['timestamp,identity,source_ip,action,outcome'];
  // Five days: hosting address every day, "tor" address on days 1 and 4, office address every day, failures on day 2.
  for (let d = 0; d < 5; d++) {
    const day = `2024-03-0${d + 1}`;
    rows.push(`${day}T10:00:00Z,svc-a,203.0.113.7,GetObject,success`);
    rows.push(`${day}T11:00:00Z,svc-a,198.51.100.9,GetObject,success`);
    rows.push(`${day}T12:00:00Z,alice,192.0.2.10,ConsoleLogin,${d === 2 ? 'failure' : 'success'}`);
  }
  fs.writeFileSync(path.join(dir, 'auth_events.csv'), `${rows.join('\n')}\n`);
  t = await TestCase.create();
  await t.call('import.files', { paths: [path.join(dir, 'auth_events.csv')] });
});
afterAll(() => {
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const torDays = new Set([Date.parse('2024-03-01T00:00:00Z'), Date.parse('2024-03-04T00:00:00Z')]);
const classes: NetworkClasses = {
  classOf(ip, at) {
    if (ip === '203.0.113.7') return 'hosting';
    if (ip === '198.51.100.9') return at === null || torDays.has(Math.floor(at / DAY) * DAY) ? 'tor' : null;
    if (ip === '192.0.2.10') return 'corporate';
    return null;
  },
  dependsOnTime: (ip) => ip === '198.51.100.9',
};

describe('authTimeline', () => {
  it('counts every event once and anonymous ones by class at their time', () => {
    const kase = t.session.requireCase();
    const { unit, buckets } = authTimeline(kase, classes, null);
    expect(unit).toBe('day');
    expect(buckets.map((b) => b.t.slice(0, 10))).toEqual(['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04', '2024-03-05']);
    expect(buckets.map((b) => b.success)).toEqual([3, 3, 2, 3, 3]);
    expect(buckets.map((b) => b.failure)).toEqual([0, 0, 1, 0, 0]);
    // hosting every day; the listed exit only on the two days it was seen.
    expect(buckets.map((b) => b.anonymous)).toEqual([2, 1, 1, 2, 1]);
  });

  it('scopes to one identity and goes hourly on a short span', () => {
    const kase = t.session.requireCase();
    const alice = kase.db.prepare(`SELECT id FROM node WHERE key = 'alice'`).pluck().get() as number;
    const { unit, buckets } = authTimeline(kase, classes, alice);
    expect(unit).toBe('day');
    expect(buckets.reduce((n, b) => n + b.success + b.failure, 0)).toBe(5);
    expect(buckets.every((b) => b.anonymous === 0)).toBe(true);
    kase.db.prepare(`DELETE FROM auth_event WHERE ts >= ?`).run(Date.parse('2024-03-02T00:00:00Z'));
    const short = authTimeline(kase, classes, null);
    expect(short.unit).toBe('hour');
    expect(short.buckets).toHaveLength(3);
    expect(short.buckets.map((b) => b.anonymous)).toEqual([1, 1, 0]);
  });
});
