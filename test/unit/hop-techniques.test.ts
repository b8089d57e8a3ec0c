// The ATT&CK technique of an attack-path hop follows what was done on it: an AD logon is not "Data from Cloud
// Storage" (issue 17), a snapshot is Create Snapshot, and without events the kind of system decides.
import { describe, expect, it } from 'vitest';
import { hopTechnique } from '../../shared/catalogs/hop-techniques.ts';

describe('hopTechnique', () => {
  it('names an AD logon on a host Valid Accounts: Domain Accounts, never T1530', () => {
    const t = hopTechnique('access', { targetSubkind: 'host', actions: ['4624 logon'] });
    expect(t?.id).toBe('T1078.002');
    expect(hopTechnique('access', { targetSubkind: 'account', actions: ['Kerberos TGS request'] })?.id).toBe('T1078.002');
  });

  it('follows the system reached when the logs say nothing', () => {
    expect(hopTechnique('access', { targetSubkind: 'storage' })?.id).toBe('T1530');
    expect(hopTechnique('access', { targetSubkind: 'database' })?.id).toBe('T1213');
    expect(hopTechnique('access', { targetSubkind: 'secret_store' })?.id).toBe('T1555.006');
    expect(hopTechnique('access', { targetSubkind: 'host' })?.id).toBe('T1021');
    expect(hopTechnique('access', {})?.id).toBe('T1078');
  });

  it('lets the action win over the system kind', () => {
    expect(hopTechnique('access', { targetSubkind: 'database', actions: ['CreateDBSnapshot'] })?.id).toBe('T1578.001');
    expect(hopTechnique('access', { targetSubkind: 'database', actions: ['s3:GetObject'] })?.id).toBe('T1530');
  });

  it('keeps the one meaning of the other edges', () => {
    expect(hopTechnique('can_assume')?.id).toBe('T1550.001');
    expect(hopTechnique('no-such-edge')).toBeNull();
  });
});
