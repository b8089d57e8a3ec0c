// Pure normalisers behind the identity-provider, cloud, Kubernetes and host-log importers.
import { describe, expect, it } from 'vitest';
import { field, firstRecord, millis, str } from '../../main/ingest/entra/json-log.ts';
import { INVALID } from '../../main/ingest/normalise.ts';
import { scopePrivilege } from '../../main/ingest/entra/audit-changes.ts';
import { memberPrincipal } from '../../main/ingest/gcp/gcp-principals.ts';
import { resourceKind, rolePrivilege } from '../../main/ingest/gcp/gcp-roles.ts';
import { ruleGrants } from '../../main/ingest/k8s/rbac-rules.ts';
import { userPrincipal } from '../../main/ingest/k8s/k8s-names.ts';
import { parseAuthMessage, splitSyslog } from '../../main/ingest/linux/auth-lines.ts';
import { syslogMillis } from '../../main/ingest/linux/syslog-time.ts';

describe('json-log helpers', () => {
  it('reads "null" strings as absent and numbers as text', () => {
    expect([str('null'), str('  '), str(42), str(' x ')]).toEqual([null, null, '42', 'x']);
  });
  it('reads epoch seconds, epoch ms, ISO with 7 fractional digits and offsets; refuses absurd dates', () => {
    expect(millis(1711431195806)).toBe(1711431195806);
    expect(millis(1711431195)).toBe(1711431195000);
    expect(millis('2022-02-08T06:22:28.3518405+00:00')).toBe(Date.UTC(2022, 1, 8, 6, 22, 28, 351));
    expect(millis('2022-02-08T06:22:28.351840+01:00')).toBe(Date.UTC(2022, 1, 8, 5, 22, 28, 351));
    expect(millis(8.64e15)).toBe(INVALID);
    expect(millis(1e300)).toBe(INVALID);
    expect(millis(-1e20)).toBe(INVALID);
    expect(millis('9999-01-01T00:00:00Z')).toBe(INVALID);
  });
  it('finds the first record of NDJSON, arrays and {"value":[…]} wrappers, even when the sample is cut', () => {
    expect(firstRecord('{ "a": 1 }\n{"a": 2}')).toEqual({ a: 1 });
    expect(firstRecord('[\n {"a": "]}"}, {"a": 2')).toEqual({ a: ']}' });
    expect(firstRecord('{"@odata.context": "x", "value": [ {"id": "1"}, {"id": "2"')).toEqual({ id: '1' });
    expect(firstRecord('{"__proto__": {"polluted": 1}, "ok": 1}\n')).toEqual({ ok: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('syslog time', () => {
  const clock = (timeZone: string) => ({ year: 2024, timeZone, rollbackAfterMonth: null });
  it('applies the zone offset of the date itself (DST)', () => {
    expect(syslogMillis(clock('Europe/Paris'), 'Jan', '15', '12:00:00')).toBe(Date.UTC(2024, 0, 15, 11));
    expect(syslogMillis(clock('Europe/Paris'), 'Jul', '15', '12:00:00')).toBe(Date.UTC(2024, 6, 15, 10));
    expect(syslogMillis(clock('America/New_York'), 'Mar', '10', '03:30:00')).toBe(Date.UTC(2024, 2, 10, 7, 30));
  });
  it('refuses dates that do not exist', () => {
    expect(syslogMillis(clock('UTC'), 'Feb', '30', '00:00:00')).toBeNull();
    expect(syslogMillis(clock('UTC'), 'Foo', '1', '00:00:00')).toBeNull();
  });
});

describe('auth.log lines', () => {
  it('parses sshd and sudo variants, and leaves other messages alone', () => {
    const s = splitSyslog(
      'Feb 24 00:13:02 precise32 sudo:      tsg : user NOT in sudoers ; TTY=pts/1 ; PWD=/home/vagrant ; USER=root ; COMMAND=/bin/ls',
    )!;
    expect(parseAuthMessage(s.program, s.message)).toMatchObject({ type: 'sudo', user: 'tsg', denied: 'user NOT in sudoers', runAs: 'root' });
    expect(parseAuthMessage('sshd', 'Failed none for invalid user  from 1.2.3.4 port 22 ssh2')).toMatchObject({
      result: 'failed',
      invalidUser: true,
      user: null,
    });
    expect(parseAuthMessage('sshd', 'Connection closed by 1.2.3.4 port 22')).toBeNull();
    expect(parseAuthMessage('sshd', 'Accepted weird')).toBe('unrecognised sshd Accepted line');
    expect(splitSyslog('x'.repeat(10_000))).toBeNull();
    const session = splitSyslog('Jan  5 10:00:00 h sshd-session[77]: Accepted publickey for ops from 192.0.2.9 port 4242 ssh2: ED25519 SHA256:abc')!;
    expect(parseAuthMessage(session.program, session.message)).toMatchObject({ result: 'accepted', user: 'ops', fingerprint: 'SHA256:abc' });
  });
});

describe('privilege mappings', () => {
  it('maps GCP roles: basic, by suffix, custom', () => {
    expect(
      [
        'roles/owner',
        'roles/editor',
        'roles/viewer',
        'roles/storage.objectAdmin',
        'roles/secretmanager.secretAccessor',
        'roles/run.invoker',
        'projects/p/roles/custom',
        'roles/monitoring.metricWriter',
      ].map((r) => rolePrivilege(r).privilege),
    ).toEqual([3, 2, 1, 3, 1, 2, 2, 2]);
    expect(resourceKind(null, '//secretmanager.googleapis.com/projects/1/secrets/x')).toBe('secret_store');
  });
  it('maps GCP members, including public and deleted ones', () => {
    expect(memberPrincipal('allUsers')).toMatchObject({ key: 'gcp:public:allUsers', public: true });
    expect(memberPrincipal('serviceAccount:SA@P.iam.gserviceaccount.com').key).toBe('gcp:sa:sa@p.iam.gserviceaccount.com');
    expect(memberPrincipal('deleted:group:g@x.com?uid=1')).toMatchObject({ key: 'gcp:group:g@x.com', status: 'deleted' });
  });
  it('maps Kubernetes rules to reach: * on secrets reads the namespace secret store; nonResourceURLs give nothing', () => {
    expect(ruleGrants([{ resources: ['secrets'], verbs: ['*'] }], 'prod')).toEqual([
      { key: 'k8s:ns:prod', subkind: 'cluster', name: 'namespace prod', privilege: 3 },
      { key: 'k8s:secrets:prod', subkind: 'secret_store', name: 'secrets in prod', privilege: 3 },
    ]);
    expect(
      ruleGrants(
        [
          { resources: ['pods'], verbs: ['get'] },
          { resources: ['deployments'], verbs: ['patch'] },
        ],
        null,
      ),
    ).toEqual([{ key: 'k8s:cluster', subkind: 'cluster', name: 'cluster', privilege: 2 }]);
    expect(ruleGrants([{ nonResourceURLs: ['/healthz'], verbs: ['get'] }], null)).toEqual([]);
    expect(userPrincipal('system:serviceaccount:kube-system:coredns')).toMatchObject({
      key: 'k8s:sa:kube-system:coredns',
      alias: 'system:serviceaccount:kube-system:coredns',
    });
  });
  it('maps OAuth scopes: tenant control admin, writes write, the rest read', () => {
    expect([scopePrivilege(['User.Read']), scopePrivilege(['User.Read', 'Mail.ReadWrite']), scopePrivilege(['Directory.ReadWrite.All'])]).toEqual([
      1, 2, 3,
    ]);
  });
});

describe('field (case-insensitive record access)', () => {
  it('prefers any exact name, then any casing, each in the order the names are given', () => {
    const r = { IPAddress: '1.1.1.1', callerIpAddress: '2.2.2.2', Status: { errorCode: 0 }, userprincipalname: 'a@b' };
    expect(field(r, 'ipAddress', 'callerIpAddress')).toBe('2.2.2.2'); // an exact name beats another casing
    expect(field(r, 'ipAddress', 'location')).toBe('1.1.1.1');
    expect(field(r, 'ipaddress', 'CALLERIPADDRESS')).toBe('1.1.1.1');
    expect(field(r, 'CALLERIPADDRESS', 'ipaddress')).toBe('2.2.2.2');
    expect(field(r, 'IPAddress')).toBe('1.1.1.1');
    expect(field(r, 'status')).toEqual({ errorCode: 0 });
    expect(field(r, 'userPrincipalName')).toBe('a@b');
    expect(field(r, 'userId', 'servicePrincipalId')).toBeUndefined();
    expect(field(null, 'x')).toBeUndefined();
    // Asked again, the same record answers the same (its key index is made once).
    expect(field(r, 'IPADDRESS')).toBe('1.1.1.1');
  });

  it('takes the first key of a casing when a record has two', () => {
    const r = JSON.parse('{"Location":"DE","LOCATION":"FR"}') as Record<string, unknown>;
    expect(field(r, 'location')).toBe('DE');
  });
});
