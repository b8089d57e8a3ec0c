// Pushdown query packs: the generated SQL is executed (sqlite dialect, better-sqlite3) over a table built from the
// real Stratus Red Team CloudTrail records, laid out like Athena's documented CloudTrail table; the other dialects
// are checked for their own functions and table names, and for safe quoting of hostile input.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../main/pushdown/dialects.ts';
import { generatePack, normaliseInstant, parseAddressList, PushdownError, type QueryFile } from '../../main/pushdown/generate.ts';
import { CLOUDTRAIL_PERSISTENCE, layoutFor, SOURCES } from '../../main/pushdown/sources.ts';
import { SHARED_FIXTURES, withoutNulls } from '../helpers.ts';
import { AUTH_ROLLUP_COLUMNS } from '../../shared/auth-rollup.ts';
import { eventTarget, NAMED_PARAMETERS } from '../../main/ingest/aws/cloudtrail-target.ts';
import { isAccountId } from '../../main/ingest/aws/identity.ts';
import { CLOUDTRAIL_NAMED_PARAMETERS } from '../../main/pushdown/sources.ts';

const CT_DIR = path.join(SHARED_FIXTURES, 'aws', 'cloudtrail');

interface CtRecord {
  eventTime: string;
  eventName: string;
  eventSource: string;
  sourceIPAddress: string;
  userAgent: string;
  errorCode?: string;
  userIdentity: {
    arn?: string;
    principalId?: string;
    accessKeyId?: string;
    invokedBy?: string;
    sessionContext?: { sessionIssuer?: { arn?: string } };
  };
  [k: string]: unknown;
}

function loadStratus(): CtRecord[] {
  const out: CtRecord[] = [];
  for (const f of fs
    .readdirSync(CT_DIR)
    .filter((n) => n.startsWith('stratus-') && n.endsWith('.json'))
    .sort()) {
    const v = JSON.parse(fs.readFileSync(path.join(CT_DIR, f), 'utf8'));
    out.push(...(Array.isArray(v) ? v : v.Records));
  }
  return out;
}

/** Athena's Hive JSON SerDe maps struct fields case-insensitively and Athena shows them lower-case. */
function lowerKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(lowerKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), lowerKeys(x)]));
  return v;
}

/** The Athena CloudTrail table in SQLite: struct columns as JSON text, JSON-string columns as their text. */
function athenaLikeTable(records: CtRecord[]): Database.Database {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE cloudtrail_logs (eventversion TEXT, useridentity TEXT, eventtime TEXT, eventsource TEXT, eventname TEXT,
    awsregion TEXT, sourceipaddress TEXT, useragent TEXT, errorcode TEXT, errormessage TEXT, requestparameters TEXT,
    responseelements TEXT, additionaleventdata TEXT, requestid TEXT, eventid TEXT, readonly TEXT, eventtype TEXT, apiversion TEXT,
    managementevent TEXT, resources TEXT, recipientaccountid TEXT, serviceeventdetails TEXT, sharedeventid TEXT, vpcendpointid TEXT,
    eventcategory TEXT)`);
  const ins = db.prepare(`INSERT INTO cloudtrail_logs VALUES (@eventversion, @useridentity, @eventtime, @eventsource, @eventname,
    @awsregion, @sourceipaddress, @useragent, @errorcode, @errormessage, @requestparameters, @responseelements, @additionaleventdata,
    @requestid, @eventid, @readonly, @eventtype, @apiversion, @managementevent, @resources, @recipientaccountid, @serviceeventdetails,
    @sharedeventid, @vpcendpointid, @eventcategory)`);
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  for (const r of records) {
    ins.run({
      eventversion: r.eventVersion ?? null,
      useridentity: json(lowerKeys(r.userIdentity)),
      eventtime: r.eventTime,
      eventsource: r.eventSource,
      eventname: r.eventName,
      awsregion: r.awsRegion ?? null,
      sourceipaddress: r.sourceIPAddress,
      useragent: r.userAgent,
      errorcode: r.errorCode ?? null,
      errormessage: r.errorMessage ?? null,
      requestparameters: json(r.requestParameters),
      responseelements: json(r.responseElements),
      additionaleventdata: json(r.additionalEventData),
      requestid: r.requestID ?? null,
      eventid: r.eventID ?? null,
      eventtype: r.eventType ?? null,
      // Athena's table declares these strings: the booleans arrive as 'true'/'false'.
      readonly: r.readOnly === undefined ? null : String(r.readOnly),
      managementevent: r.managementEvent === undefined ? null : String(r.managementEvent),
      apiversion: r.apiVersion ?? null,
      serviceeventdetails: json(r.serviceEventDetails),
      sharedeventid: r.sharedEventID ?? null,
      vpcendpointid: r.vpcEndpointId ?? null,
      eventcategory: r.eventCategory ?? null,
      resources: json(lowerKeys(r.resources)),
      recipientaccountid: r.recipientAccountId ?? null,
    });
  }
  return db;
}

// Independent re-statement of what the queries compute, written against the raw records.
const identityOf = (r: CtRecord) =>
  r.userIdentity.sessionContext?.sessionIssuer?.arn || r.userIdentity.arn || r.userIdentity.principalId || r.userIdentity.invokedBy || null;
const failed = (r: CtRecord) => Boolean(r.errorCode) || (r.responseElements as { ConsoleLogin?: string } | null)?.ConsoleLogin === 'Failure';
// The importer's own answers: the roll-up must name what a raw import of the same record names.
const actionOf = (r: CtRecord) => `${r.eventSource}:${r.eventName}`;
const targetOf = (r: CtRecord) =>
  eventTarget(
    (r.requestParameters ?? null) as Record<string, unknown> | null,
    r.resources,
    'aws',
    isAccountId(r.recipientAccountId) ? r.recipientAccountId : null,
  );
/** The parts of the original a re-built record can hold: its keys, recursively (the table has no column for the rest). */
function pick(original: unknown, shape: unknown): unknown {
  if (Array.isArray(original) && Array.isArray(shape)) return original.map((o, i) => pick(o, shape[i]));
  if (original && typeof original === 'object' && shape && typeof shape === 'object' && !Array.isArray(shape)) {
    return Object.fromEntries(
      Object.keys(shape)
        .filter((k) => k in original)
        .map((k) => [k, pick((original as Record<string, unknown>)[k], (shape as Record<string, unknown>)[k])]),
    );
  }
  return original;
}
const networkOf = (ip: string) => {
  const m = /^(\d+\.\d+\.\d+)\.\d+$/.exec(ip);
  return m ? `${m[1]}.0/24` : null;
};

function run(db: Database.Database, file: QueryFile): Record<string, unknown>[] {
  return db.prepare(file.text).all() as Record<string, unknown>[];
}
/** The extract's records: its one column holds the vendor's record as JSON text. */
function extracted(db: Database.Database, file: QueryFile): Record<string, unknown>[] {
  return run(db, file).map((r) => {
    expect(Object.keys(r)).toEqual(['blastmap_record']);
    return JSON.parse(String(r.blastmap_record)) as Record<string, unknown>;
  });
}
function pack(opts: Partial<Parameters<typeof generatePack>[0]> = {}): Record<string, QueryFile> {
  const files = generatePack({ engine: 'sqlite', source: 'cloudtrail', ...opts });
  return Object.fromEntries(files.map((f) => [f.kind, f]));
}

describe('pushdown: generated CloudTrail SQL executed over the Stratus Red Team records', () => {
  const records = loadStratus();
  const db = athenaLikeTable(records);

  it('reads the fixtures it expects', () => {
    expect(records.length).toBe(142);
  });

  /** The records the rare-event extract keeps whole (an independent re-statement of its conditions). */
  function rareRecords(): Set<CtRecord> {
    const count = (k: (r: CtRecord) => string) => {
      const m = new Map<string, number>();
      for (const r of records.filter(failed)) m.set(k(r), (m.get(k(r)) ?? 0) + 1);
      return new Set([...m].filter(([, n]) => n >= 10).map(([x]) => x));
    };
    const idBursts = count((r) => `${identityOf(r)}|${r.eventTime.slice(0, 13)}`);
    const srcBursts = count((r) => `${r.sourceIPAddress}|${r.eventTime.slice(0, 13)}`);
    const inBurst = (r: CtRecord) =>
      (failed(r) && idBursts.has(`${identityOf(r)}|${r.eventTime.slice(0, 13)}`)) ||
      srcBursts.has(`${r.sourceIPAddress}|${r.eventTime.slice(0, 13)}`);
    return new Set(records.filter((r) => CLOUDTRAIL_PERSISTENCE.includes(r.eventName) || r.eventName === 'ConsoleLogin' || inBurst(r)));
  }

  it('auth roll-up: the auth-rollup header; one row per group of the records the extract does not keep; counts add up', () => {
    const p = pack();
    const rows = run(db, p['auth-rollup']);
    expect(
      db
        .prepare(p['auth-rollup'].text)
        .columns()
        .map((c) => c.name),
    ).toEqual([...AUTH_ROLLUP_COLUMNS]);
    const rare = rareRecords();
    const groups = new Map<string, CtRecord[]>();
    for (const r of records.filter((x) => !rare.has(x))) {
      const key = JSON.stringify([
        identityOf(r),
        r.userIdentity.accessKeyId ?? null,
        networkOf(r.sourceIPAddress),
        r.userAgent,
        actionOf(r),
        targetOf(r),
        failed(r) ? 'failure' : 'success',
        r.eventTime.slice(0, 10),
      ]);
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    expect(rows.length).toBe(groups.size);
    expect(rows.length).toBe(31);
    // The roll-up and the extract split the records: each is in exactly one.
    expect(rows.reduce((n, r) => n + Number(r.events), 0)).toBe(142 - rare.size);
    expect(extracted(db, p['rare-events']).length).toBe(rare.size);
    for (const row of rows) {
      const key = JSON.stringify([row.identity, row.credential, row.network, row.user_agent, row.action, row.target, row.outcome, row.day]);
      const members = groups.get(key);
      expect(members, key).toBeDefined();
      expect(row.events).toBe(members!.length);
      expect(row.asn).toBeNull();
      expect(row.first_seen).toBe(members!.map((m) => m.eventTime).sort()[0]);
      expect(row.last_seen).toBe(
        members!
          .map((m) => m.eventTime)
          .sort()
          .at(-1),
      );
      expect(row.addresses).toBe(new Set(members!.map((m) => m.sourceIPAddress)).size);
    }
    // Targets are the importer's: an ARN the case can resolve wherever the record names one.
    expect(rows.filter((r) => r.target !== null).length).toBeGreaterThan(0);
    // Roles are keyed by the session issuer (the role), not by each session's ARN.
    expect(rows.some((r) => String(r.identity).includes(':assumed-role/'))).toBe(false);
  });

  it("the named request parameters are the CloudTrail importer's, in its order", () => {
    expect(CLOUDTRAIL_NAMED_PARAMETERS).toEqual([...NAMED_PARAMETERS]);
  });

  it('rare-event extract: the persistence events whole, one CreateAccessKey, and the failure bursts', () => {
    const rows = extracted(db, pack()['rare-events']);
    expect(rows.filter((r) => r.eventName === 'CreateAccessKey')).toHaveLength(1);
    const persistence = records.filter((r) => CLOUDTRAIL_PERSISTENCE.includes(r.eventName));
    expect(persistence.map((r) => r.eventName).sort()).toEqual([
      'CreateAccessKey',
      'CreateLoginProfile',
      'CreateTrustAnchor',
      'DeleteFlowLogs',
      'DeleteResolverQueryLogConfig',
      'PutEventSelectors',
      'UpdateAssumeRolePolicy',
      'UpdateLoginProfile',
    ]);
    expect(
      rows
        .filter((r) => r.blastmap_reason === 'identity-persistence')
        .map((r) => r.eventName)
        .sort(),
    ).toEqual(persistence.map((r) => r.eventName).sort());

    // Whole records: the raw JSON columns come back as they went in.
    const key = rows.find((r) => r.eventName === 'CreateAccessKey')!;
    const raw = records.find((r) => r.eventName === 'CreateAccessKey')!;
    expect(key.requestParameters).toEqual(raw.requestParameters);
    expect(key.eventID).toBe(raw.eventID);

    // Bursts: ≥ 10 failures of one identity, or from one address, in one UTC hour (computed from the records).
    const count = (k: (r: CtRecord) => string) => {
      const m = new Map<string, number>();
      for (const r of records.filter(failed)) m.set(k(r), (m.get(k(r)) ?? 0) + 1);
      return new Set([...m].filter(([, n]) => n >= 10).map(([x]) => x));
    };
    const idBursts = count((r) => `${identityOf(r)}|${r.eventTime.slice(0, 13)}`);
    const srcBursts = count((r) => `${r.sourceIPAddress}|${r.eventTime.slice(0, 13)}`);
    const inBurst = (r: CtRecord) =>
      (failed(r) && idBursts.has(`${identityOf(r)}|${r.eventTime.slice(0, 13)}`)) ||
      srcBursts.has(`${r.sourceIPAddress}|${r.eventTime.slice(0, 13)}`);
    const expected = records.filter((r) => CLOUDTRAIL_PERSISTENCE.includes(r.eventName) || r.eventName === 'ConsoleLogin' || inBurst(r));
    expect(idBursts.size + srcBursts.size).toBeGreaterThan(0);
    expect(rows.length).toBe(expected.length);
    expect(rows.length).toBe(42);
    expect(rows.filter((r) => r.blastmap_reason === 'failure-burst').length).toBe(
      expected.filter((r) => !CLOUDTRAIL_PERSISTENCE.includes(r.eventName)).length,
    );
  });

  it('rare-event extract: every event from an anonymity-list address, with a hostile entry that stays a literal', () => {
    const hostile = "1.2.3.4'); DROP TABLE cloudtrail_logs;--";
    const addr = '253.252.51.07';
    const rows = extracted(db, pack({ anonymous: [hostile, addr] })['rare-events']);
    const fromAddr = records.filter((r) => r.sourceIPAddress === addr);
    expect(fromAddr.length).toBe(56);
    expect(rows.filter((r) => r.sourceIPAddress === addr)).toHaveLength(56);
    expect(rows.filter((r) => r.blastmap_reason === 'anonymous-address').length).toBe(
      fromAddr.filter((r) => !CLOUDTRAIL_PERSISTENCE.includes(r.eventName)).length,
    );
    expect((db.prepare('SELECT COUNT(*) AS n FROM cloudtrail_logs').get() as { n: number }).n).toBe(142);
  });

  it("rare-event extract: each record re-built from the lower-cased table is the vendor's record, key for key", () => {
    const rows = extracted(db, pack()['rare-events']);
    expect(rows).toHaveLength(42);
    const byId = new Map(records.map((r) => [r.eventID as string, r]));
    for (const row of rows) {
      const { blastmap_reason: reason, ...record } = row;
      expect(reason).toMatch(/^(identity-persistence|console-login|failure-burst)$/);
      const original = byId.get(record.eventID as string)!;
      // Every key the Athena table has a column for comes back in the vendor's spelling with the vendor's value.
      expect(withoutNulls(record)).toEqual(withoutNulls(pick(original, record)));
    }
  });

  it('usage facts: successful events only, per identity × target × action', () => {
    const rows = run(db, pack().usage);
    const ok = records.filter((r) => !failed(r) && identityOf(r));
    expect(rows.reduce((n, r) => n + Number(r.events), 0)).toBe(ok.length);
    expect(rows.length).toBe(new Set(ok.map((r) => `${identityOf(r)}|${targetOf(r)}|${actionOf(r)}`)).size);
    expect(rows.some((r) => r.action === 'ec2.amazonaws.com:GetPasswordData')).toBe(false);
  });

  it('--since/--until bound the window (until exclusive)', () => {
    const times = records.map((r) => r.eventTime).sort();
    const since = times[Math.floor(times.length / 2)];
    const p = pack({ since, until: '2100-01-01' });
    const rows = run(db, p['auth-rollup']);
    const extracted = run(db, p['rare-events']).length;
    expect(rows.reduce((n, r) => n + Number(r.events), 0) + extracted).toBe(records.filter((r) => r.eventTime >= since).length);
    const none = run(db, pack({ until: times[0] })['auth-rollup']);
    expect(none).toHaveLength(0);
  });

  it('networks: /24 for IPv4, /48 for IPv6, none for a service name', () => {
    const t = new Database(':memory:');
    t.exec(
      'CREATE TABLE cloudtrail_logs (useridentity, eventtime, eventsource, eventname, sourceipaddress, useragent, errorcode, responseelements, requestparameters, resources, recipientaccountid)',
    );
    const ins = t.prepare(
      "INSERT INTO cloudtrail_logs VALUES ('{\"arn\":\"arn:aws:iam::1:user/a\"}', '2024-05-01T00:00:00Z', 's3.amazonaws.com', 'GetObject', ?, 'ua', NULL, NULL, NULL, NULL, NULL)",
    );
    for (const ip of ['10.1.2.3', '10.1.2.200', '2001:db8:1:2::5', '2001:db8:1:ffff::1', 'ec2.amazonaws.com']) ins.run(ip);
    const rows = run(t, pack()['auth-rollup']);
    expect(rows.map((r) => [r.network, r.events, r.addresses])).toEqual(
      expect.arrayContaining([
        ['10.1.2.0/24', 2, 2],
        ['2001:db8:1::/48', 2, 2],
        [null, 1, 1],
      ]),
    );
    expect(rows).toHaveLength(3);
  });

  it('the sqlite queries of every other lake source compile against their table layout', () => {
    for (const source of SOURCES) {
      const L = layoutFor(source, 'sqlite')!;
      const cols = new Set<string>();
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') {
          if (typeof (v as { col?: unknown }).col === 'string') cols.add((v as { col: string }).col);
          Object.values(v).forEach(walk);
        }
      };
      walk(L);
      const t = new Database(':memory:');
      // SQLite column names ignore case: one column per name (protoPayload and the record's protopayload).
      const unique = [...new Map([...cols].map((c) => [c.toLowerCase(), c])).values()];
      t.exec(`CREATE TABLE "${L.tables[0]}" (${unique.map((c) => `"${c}"`).join(', ')})`);
      for (const f of generatePack({ engine: 'sqlite', source, since: '2024-01-01', until: '2024-02-01', anonymous: ['1.2.3.4'] })) {
        expect(() => t.prepare(f.text), `${source} ${f.kind}`).not.toThrow();
        expect(t.prepare(f.text).all()).toEqual([]);
      }
    }
  });
});

describe('pushdown: the source ASN in the roll-up (executed, sqlite dialect)', () => {
  it('Okta System Log: securityContext.asNumber becomes the asn column and splits groups by ASN', () => {
    const t = new Database(':memory:');
    t.exec('CREATE TABLE okta_system_log (published, eventType, actor, client, outcome, target, "transaction", securityContext)');
    const ins = t.prepare('INSERT INTO okta_system_log VALUES (?, ?, ?, ?, ?, ?, NULL, ?)');
    const row = (ip: string, asn: number | null) =>
      ins.run(
        '2024-05-01T10:00:00.000Z',
        'user.session.start',
        JSON.stringify({ alternateId: 'svc@example.com' }),
        JSON.stringify({ ipAddress: ip, userAgent: { rawUserAgent: 'okta-sdk' } }),
        JSON.stringify({ result: 'SUCCESS' }),
        '[]',
        JSON.stringify(asn === null ? {} : { asNumber: asn }),
      );
    row('198.51.100.7', 64512);
    row('198.51.100.8', 64512);
    row('198.51.100.9', 64513);
    row('198.51.100.10', null);
    const rollup = generatePack({ engine: 'sqlite', source: 'okta-system-log' }).find((f) => f.kind === 'auth-rollup')!;
    const rows = t.prepare(rollup.text).all() as Record<string, unknown>[];
    expect(rows.map((r) => [r.network, r.asn, r.events]).sort()).toEqual(
      [
        ['198.51.100.0/24', '64512', 2],
        ['198.51.100.0/24', '64513', 1],
        ['198.51.100.0/24', null, 1],
      ].sort(),
    );
  });

  it('the engines that have an ASN read it, the others write the column empty', () => {
    const rollup = (engine: string, source: string) => generatePack({ engine, source }).find((f) => f.kind === 'auth-rollup')!.text;
    expect(rollup('athena', 'entra-signin')).toContain(
      'NULLIF(CAST(CAST(TRY_CAST(CAST("properties"."autonomousSystemNumber" AS varchar) AS DOUBLE) AS BIGINT) AS VARCHAR), \'0\') AS "asn"',
    );
    expect(rollup('kql', 'entra-signin')).toContain('column_ifexists("AutonomousSystemNumber", "")');
    expect(rollup('bigquery', 'okta-system-log')).toContain('`securityContext`.`asNumber`');
    expect(rollup('athena', 'cloudtrail')).toContain('CAST(NULL AS VARCHAR) AS "asn"');
  });
});

describe('pushdown: dialects', () => {
  const hostile = "1.2.3.4'); DROP TABLE x;--";
  const text = (engine: string, source = 'cloudtrail', anonymous = [hostile]) =>
    generatePack({ engine, source, anonymous, since: '2024-05-01' })
      .map((f) => f.text)
      .join('\n');

  it('every engine gets three files with a header that says what, which table and how to run', () => {
    for (const engine of ENGINES) {
      const files = generatePack({ engine, source: 'cloudtrail' });
      expect(files.map((f) => f.kind)).toEqual(['auth-rollup', 'rare-events', 'usage']);
      for (const f of files) {
        const mark = engine === 'kql' ? '//' : '--';
        const head = f.text.split('\n\n')[0].split('\n');
        expect(
          head.every((l) => l.startsWith(mark)),
          `${engine} ${f.kind}`,
        ).toBe(true);
        expect(head.join(' ')).toMatch(/Produces .*Expects table.*Run:/);
      }
    }
  });

  it('athena and trino: the documented CloudTrail table, Trino functions, double-quoted identifiers', () => {
    for (const engine of ['athena', 'trino']) {
      const t = text(engine);
      expect(t).toContain('FROM "cloudtrail_logs"');
      expect(t).toContain('"useridentity"."sessioncontext"."sessionissuer"."arn"');
      expect(t).toContain('json_extract_scalar("responseelements", \'$.ConsoleLogin\')');
      expect(t).toContain('regexp_extract(');
      expect(t).toContain("'1.2.3.4''); DROP TABLE x;--'");
      expect(text(engine, 'okta-system-log')).toContain('element_at("target", 1)');
      expect(text(engine, 'github-audit')).toContain('from_unixtime("@timestamp" / 1000e0)');
    }
    expect(text('athena')).toContain('aws athena start-query-execution');
  });

  it('spark: backticks, get_json_object, backslash-escaped literals', () => {
    const t = text('spark');
    expect(t).toContain('`useridentity`.`arn`');
    expect(t).toContain('get_json_object(`responseelements`');
    expect(t).toContain("'1.2.3.4\\'); DROP TABLE x;--'");
    // A trailing backslash must not escape the closing quote.
    expect(text('spark', 'cloudtrail', ["1.2.3.4\\' OR 1=1 --"])).toContain("'1.2.3.4\\\\\\' OR 1=1 --'");
    expect(text('spark', 'okta-system-log')).toContain('try_element_at(`target`, 1)');
  });

  it('bigquery: the exported audit table with its protopayload_auditlog record, BigQuery functions', () => {
    const t = text('bigquery', 'gcp-audit');
    expect(t).toContain('FROM `cloudaudit_googleapis_com_activity`');
    expect(t).toContain('`protopayload_auditlog`.`authenticationInfo`.`principalEmail`');
    expect(t).toContain("`timestamp` >= TIMESTAMP('2024-05-01T00:00:00Z')");
    expect(t).toContain('FORMAT_TIMESTAMP(');
    expect(t).toContain('REGEXP_EXTRACT(');
    expect(t).toContain("'1.2.3.4\\'); DROP TABLE x;--'");
    expect(text('bigquery')).toContain("JSON_VALUE(`responseelements`, '$.ConsoleLogin')");
    expect(text('bigquery', 'okta-system-log')).toContain('`target`[SAFE_OFFSET(0)]');
    // BigQuery refuses REGEXP_EXTRACT patterns with more than one capture group.
    for (const m of t.matchAll(/REGEXP_EXTRACT\([^,]+, '([^']*)'\)/g)) expect((m[1].match(/\((?!\?)/g) ?? []).length).toBe(1);
  });

  it('kql: Sentinel tables, KQL operators and escaped string literals', () => {
    const t = text('kql');
    expect(t).toMatch(/^AWSCloudTrail$/m);
    expect(t).toContain('summarize events = count()');
    expect(t).toContain('format_ipv4_mask(address, 24)');
    expect(t).toContain('set_has_element(id_bursts, strcat(bm_identity, "|", bm_hour))');
    expect(t).toContain('column_ifexists("UserIdentityAccessKeyId", "")');
    expect(t).toContain('TimeGenerated >= todatetime("2024-05-01T00:00:00Z")');
    expect(t).toContain('"1.2.3.4\'); DROP TABLE x;--"');
    expect(text('kql', 'cloudtrail', ['1.2.3.4" or 1==1 //'])).toContain('"1.2.3.4\\" or 1==1 //"');
    const entra = text('kql', 'entra-signin');
    expect(entra).toContain('union isfuzzy=true SigninLogs, AADServicePrincipalSignInLogs, AuditLogs');
    expect(entra).toContain('"Add service principal credentials"');
    expect(entra).toContain('asn = iff(tolong(todouble(tostring(column_ifexists("AutonomousSystemNumber", ""))))');
  });

  it('kql: Okta, GitHub, GCP and AKS from their Sentinel tables', () => {
    const okta = text('kql', 'okta-system-log');
    expect(okta).toContain('union isfuzzy=true Okta_CL, OktaV2_CL');
    expect(okta).toContain('published_t >= todatetime("2024-05-01T00:00:00Z")');
    expect(okta).toContain('tostring(parse_json(column_ifexists("target_s", ""))[0].alternateId)');
    expect(okta).toContain('column_ifexists("securityContext_asNumber_d", "")');
    const github = text('kql', 'github-audit');
    expect(github).toContain('union isfuzzy=true GitHubAuditLogPolling_CL, GitHubAuditLogsV2_CL');
    expect(github).toContain('coalesce(tostring(column_ifexists("Action", "")), tostring(column_ifexists("action_s", "")))');
    const gcp = text('kql', 'gcp-audit');
    expect(gcp).toMatch(/^GCPAuditLogs$/m);
    expect(gcp).toContain('tostring(column_ifexists("AuthenticationInfo", dynamic(null)).principalSubject)');
    expect(gcp).toContain('"google.iam.admin.v1.CreateServiceAccountKey"');
    const aks = text('kql', 'k8s-audit');
    expect(aks).toMatch(/^AKSAudit$/m);
    expect(aks).toContain('tostring(column_ifexists("SourceIps", dynamic(null))[0])');
    expect(aks).toContain('todouble(tostring(column_ifexists("ResponseStatus", dynamic(null)).code)) > 399');
    // The extracts re-build the vendor's record from the columns, under the vendor's keys.
    const rare = (source: string) => generatePack({ engine: 'kql', source }).find((f) => f.kind === 'rare-events')!.text;
    expect(rare('okta-system-log')).toContain('"alternateId", tostring(column_ifexists("actor_alternateId_s", ""))');
    expect(rare('okta-system-log')).toContain(
      '"target", iff(isempty(column_ifexists("target_s", "")), dynamic(null), parse_json(column_ifexists("target_s", "")))',
    );
    expect(rare('github-audit')).toContain('"actor", coalesce(tostring(column_ifexists("Actor", "")), tostring(column_ifexists("actor_s", "")))');
    expect(rare('gcp-audit')).toContain('"protoPayload", bag_pack("@type", "type.googleapis.com/google.cloud.audit.AuditLog"');
    expect(rare('k8s-audit')).toContain('"requestReceivedTimestamp", tostring(column_ifexists("RequestReceivedTime", datetime(null)))');
    expect(rare('k8s-audit')).toMatch(/^\/\/ Not in the table, so not in the record: impersonatedUser/m);
    for (const source of ['cloudtrail', 'okta-system-log', 'github-audit', 'gcp-audit', 'k8s-audit'])
      expect(rare(source).trimEnd(), source).toMatch(/\| project blastmap_record = bag_(pack|merge)\([^]*"blastmap_reason", blastmap_reason\)\)?$/);
    // entra-signin keeps the rows (two importers' records in one result): no record is packed.
    expect(rare('entra-signin')).not.toContain('bag_pack');
  });

  it('duckdb: json_extract_string, 1-based list indexing, standard quoting', () => {
    const t = text('duckdb');
    expect(t).toContain('json_extract_string("responseelements", \'$.ConsoleLogin\')');
    expect(t).toContain("'1.2.3.4''); DROP TABLE x;--'");
    expect(text('duckdb', 'okta-system-log')).toContain('"target"[1]."alternateId"');
    expect(text('duckdb', 'github-audit')).toContain('epoch_ms("@timestamp")');
  });

  it('rejects dates that are not dates, and unknown engines or sources', () => {
    expect(normaliseInstant('2024-05-01', 'x')).toBe('2024-05-01T00:00:00');
    expect(normaliseInstant('2024-05-01T12:30:00Z', 'x')).toBe('2024-05-01T12:30:00');
    for (const bad of ["2024-05-01'; DROP TABLE x;--", '2024-02-30', 'yesterday', '']) {
      expect(() => generatePack({ engine: 'athena', source: 'cloudtrail', since: bad || ' ' }), bad).toThrow(PushdownError);
    }
    expect(() => generatePack({ engine: 'athena', source: 'cloudtrail', since: '2024-05-02', until: '2024-05-01' })).toThrow(/before/);
    expect(() => generatePack({ engine: 'oracle', source: 'cloudtrail' })).toThrow(/unknown engine/);
    expect(() => generatePack({ engine: 'athena', source: 'syslog' })).toThrow(/unknown source/);
  });

  it('reads anonymity lists: one address a line, comments and ranges skipped', () => {
    expect(parseAddressList('# tor\n1.2.3.4\n\n5.6.7.8 # exit\n10.0.0.0/8\n1.2.3.4\n')).toEqual({
      addresses: ['1.2.3.4', '5.6.7.8'],
      skippedRanges: 1,
    });
  });
});
