// Conformance: every real public sample in ../shared/fixtures/{entra,okta,github,gcp,k8s,linux,windows} imports
// with the expected format and the row, loaded and event counts written below from reading each file.
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
  /** The import must fail as a whole with this message (every record rejected): the case stays unchanged. */
  fails?: RegExp;
}

/**
 * What each real sample must give, written from reading the file (record by record, with jq and by eye), not
 * computed by code that could share the importer's mistakes. A new file in these folders fails the suite until
 * its line is written here.
 */
const EXPECT: Record<string, Expected> = {
  // 3 diagnostic-settings AuditLogs records ("Update device" by the Device Registration Service app, two by a user).
  'entra/elastic-azure-auditlogs-raw.ndjson': { format: 'entra-audit', rows: 3, loaded: 3, events: 3 },
  // 7 ServicePrincipalSignInLogs records, one per line.
  'entra/elastic-service-principal-signins.ndjson': { format: 'entra-signin', rows: 7, loaded: 7, events: 7 },
  // 4 Log Analytics AuditLogs rows, NDJSON with CRLF despite the .json name.
  'entra/otrf-aad-audit-events.json': { format: 'entra-audit', rows: 4, loaded: 4, events: 4 },
  // 20 System Log events, of which 9 repeat an earlier (uuid, published, eventType) with a real uuid: duplicates.
  'okta/elastic-okta-system-events.ndjson': { format: 'okta-system-log', rows: 20, loaded: 11, events: 11, rejectReason: /^duplicate event: uuid / },
  // 52 organisation audit events, one per line.
  'github/elastic-github-organisation-audit.first52lines.ndjson': { format: 'github-audit', rows: 52, loaded: 52, events: 52 },
  // 63 audit events (Sentinel sample), epoch-millisecond times.
  'github/sentinel-github-audit.ndjson': { format: 'github-audit', rows: 63, loaded: 63, events: 63 },
  // A JSON array of 6 Cloud Asset IAM-policy assets (project, bucket, 4 datasets), each with bindings.
  'gcp/asset-inventory-iam-policies.json': { format: 'gcp-iam-policy', rows: 6, loaded: 6 },
  // One audit record each (a one-line file that is also one JSON document).
  'gcp/elastic-gcp-audit-cloudresourcemanager.ndjson': { format: 'gcp-audit', rows: 1, loaded: 1, events: 1 },
  'gcp/elastic-gcp-audit-iamcredentials.ndjson': { format: 'gcp-audit', rows: 1, loaded: 1, events: 1 },
  // Its one ClusterRoleBinding references a Role, which the API server refuses: the only record is rejected, so
  // the import fails as a whole rather than loading nothing with success.
  'k8s/clusterrolebindings.json': {
    format: 'k8s-objects',
    rows: 1,
    loaded: 0,
    fails: /all 1 of its records were rejected.*can only reference a ClusterRole/,
  },
  'k8s/clusterroles.json': { format: 'k8s-objects', rows: 1, loaded: 1 },
  'k8s/pods-namespace-1.json': { format: 'k8s-objects', rows: 1, loaded: 1 },
  'k8s/rolebindings-namespace-1.json': { format: 'k8s-objects', rows: 1, loaded: 1 },
  'k8s/roles-namespace-1.json': { format: 'k8s-objects', rows: 1, loaded: 1 },
  // 5 audit events: 3 native audit.k8s.io/v1, 1 GKE Cloud Audit Log, 1 AKS kube-audit diagnostic record.
  'k8s/elastic-k8s-audit.ndjson': { format: 'k8s-audit', rows: 5, loaded: 5, events: 5 },
  // 10 auth.log lines: 8 sshd/sudo attempts (events) plus a groupadd and a useradd (accounts, not events).
  'linux/beats-sshd-auth.log': { format: 'linux-auth-log', rows: 10, loaded: 10, events: 8 },
  // 4,284 NXLog records of every channel; 34 are Security logons (4624 ×16, 4672 ×13, 4648 ×5).
  'windows/otrf-covenant-psremoting-command.json.gz': { format: 'windows-security', rows: 34, loaded: 34, events: 34 },
  // 38 SecurityEvent rows, 28 of them 4624 logons.
  'windows/otrf-goldensaml-windows-events.json': { format: 'windows-security', rows: 28, loaded: 28, events: 28 },
};

const FOLDERS = ['entra', 'okta', 'github', 'gcp', 'k8s', 'linux', 'windows'];

for (const folder of FOLDERS) {
  const dir = path.join(SHARED_FIXTURES, folder);
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => !f.startsWith('.'))
        .sort()
    : [];
  if (!files.length) {
    console.warn(
      `[conformance] ${dir} is absent or empty: skipping the ${folder} conformance checks (own fixtures in test/fixtures/${folder} still run)`,
    );
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
        const want = EXPECT[`${folder}/${name}`];
        if (!want) throw new Error(`${folder}/${name} has no expected counts: read the file and add its line to EXPECT`);
        if (want.fails) {
          const before = t.db
            .prepare('SELECT (SELECT count(*) FROM source) AS s, (SELECT count(*) FROM node) AS n, (SELECT count(*) FROM reject) AS r')
            .get();
          await expect(t.call('import.files', { paths: [file] })).rejects.toThrow(want.fails);
          expect(
            t.db.prepare('SELECT (SELECT count(*) FROM source) AS s, (SELECT count(*) FROM node) AS n, (SELECT count(*) FROM reject) AS r').get(),
          ).toEqual(before);
          return;
        }
        const { sources } = await t.call('import.files', { paths: [file] });
        const got = sources[0];
        expect({ format: got.format, rows: got.rows, loaded: got.loaded }).toEqual({ format: want.format, rows: want.rows, loaded: want.loaded });
        expect(got.rejected).toBe(want.rows - want.loaded);
        expect(got.warnings).toBeUndefined();
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
