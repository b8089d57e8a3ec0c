// Conformance: every real public sample in ../shared/fixtures/{entra,okta,github,gcp,k8s,linux,windows} imports
// with the expected format, the row and loaded counts computed here from the raw file, and no unexpected rejects.
// Skipped, with a notice, when the shared fixtures are not on this machine.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_FIXTURES, TestCase } from '../helpers.ts';

interface Expected {
  format: string;
  rows: number;
  loaded: number;
  /** Every reject reason must match this; absent means no rejects at all. */
  rejectReason?: RegExp;
  /** Auth events the file should produce (event formats only). */
  events?: number;
}

const lines = (file: string) => fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim());
const records = (file: string): any[] => {
  const text = fs.readFileSync(file, 'utf8').trim();
  return text.startsWith('[') ? JSON.parse(text) : lines(file).map((l) => JSON.parse(l));
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What each folder's files must give, worked out from the raw content independently of the importers. */
const EXPECT: Record<string, (file: string) => Expected> = {
  entra(file) {
    const rs = records(file);
    // Audit records carry initiatedBy/targetResources (Log Analytics: InitiatedBy/TargetResources); sign-ins do not.
    const audit = rs.every((r) => r.category === 'AuditLogs' || r.InitiatedBy !== undefined || r.properties?.initiatedBy !== undefined);
    return { format: audit ? 'entra-audit' : 'entra-signin', rows: rs.length, loaded: rs.length, events: rs.length };
  },
  okta(file) {
    const rs = records(file);
    const seen = new Set<string>();
    let duplicates = 0;
    for (const r of rs) {
      if (typeof r.uuid !== 'string' || !UUID.test(r.uuid)) continue;
      const key = `${r.uuid.toLowerCase()}|${Date.parse(r.published)}|${r.eventType}`;
      if (seen.has(key)) duplicates++;
      seen.add(key);
    }
    return { format: 'okta-system-log', rows: rs.length, loaded: rs.length - duplicates, rejectReason: /^duplicate event: uuid /, events: rs.length - duplicates };
  },
  github(file) {
    const rs = records(file);
    return { format: 'github-audit', rows: rs.length, loaded: rs.length, events: rs.length };
  },
  gcp(file) {
    const rs = records(file);
    if (rs.every((r) => r.protoPayload)) return { format: 'gcp-audit', rows: rs.length, loaded: rs.length, events: rs.length };
    const withPolicy = rs.filter((r) => (r.iam_policy ?? r.iamPolicy ?? r.policy ?? r)?.bindings).length;
    return { format: 'gcp-iam-policy', rows: rs.length, loaded: withPolicy };
  },
  k8s(file) {
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    const items: any[] = Array.isArray(doc.items) ? doc.items : [doc];
    // A ClusterRoleBinding may only reference a ClusterRole: the API server refuses anything else.
    const invalid = items.filter((i) => i.kind === 'ClusterRoleBinding' && i.roleRef?.kind !== 'ClusterRole').length;
    return { format: 'k8s-objects', rows: items.length, loaded: items.length - invalid, rejectReason: /can only reference a ClusterRole/ };
  },
  linux(file) {
    const auth = lines(file).filter((l) => / (sshd\[\d+\]: (Accepted|Failed|Invalid user|Did not receive)|sudo: .*TTY=|su: \(to |useradd\[\d+\]: new user|groupadd\[\d+\]: new group)/.test(l));
    const events = auth.filter((l) => !/useradd|groupadd/.test(l)).length;
    return { format: 'linux-auth-log', rows: auth.length, loaded: auth.length, events };
  },
  windows(file) {
    const rs = records(file).filter((r) => [4624, 4625, 4648, 4672].includes(Number(r.winlog?.event_id ?? r.EventID)));
    return { format: 'windows-security', rows: rs.length, loaded: rs.length, events: rs.length };
  },
};

for (const folder of Object.keys(EXPECT)) {
  const dir = path.join(SHARED_FIXTURES, folder);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.startsWith('.')).sort() : [];
  if (!files.length) {
    console.warn(`[conformance] ${dir} is absent or empty: skipping the ${folder} conformance checks (own fixtures in test/fixtures/${folder} still run)`);
  }

  describe.skipIf(!files.length)(`conformance: ${folder} samples`, () => {
    let t: TestCase;
    beforeAll(async () => {
      t = await TestCase.create();
    });
    afterAll(() => t?.close());

    for (const name of files) {
      it(`${folder}/${name}`, async () => {
        const file = path.join(dir, name);
        const want = EXPECT[folder](file);
        const { sources } = await t.call('import.files', { paths: [file] });
        const got = sources[0];
        expect({ format: got.format, rows: got.rows, loaded: got.loaded }).toEqual({ format: want.format, rows: want.rows, loaded: want.loaded });
        expect(got.rejected).toBe(want.rows - want.loaded);
        const sourceId = t.db.prepare('SELECT id FROM source WHERE path = ?').pluck().get(file) as number;
        const reasons = t.db.prepare('SELECT reason FROM reject WHERE source_id = ?').pluck().all(sourceId) as string[];
        for (const reason of reasons) expect(reason).toMatch(want.rejectReason ?? /^$ never/);
        if (want.events !== undefined) {
          expect(t.db.prepare('SELECT count(*) FROM auth_event WHERE source_id = ?').pluck().get(sourceId)).toBe(want.events);
        }
      });
    }
  });
}
