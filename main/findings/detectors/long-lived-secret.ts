// long-lived-secret: a live credential older than the rotation policy (age since creation or last rotation).
// "No expiry" is a property of every AWS access key and never a finding by itself: it is said alongside the age.
// A fresh secret is never flagged, so a key replaced on schedule by a rotator (old one deleted) stays quiet.
import { ageDays, credentialTimes, isLiveCredential, isTemporary } from '../lifecycle.ts';
import { fact, isoDay, nodeEvidence } from '../evidence.ts';
import type { Detector, FindingDraft } from '../types.ts';
import { DAY_MS } from '../types.ts';

export const longLivedSecret: Detector = {
  rule: 'long-lived-secret',
  defaults: { maxAgeDays: 90, maxLifetimeDays: 365, highAgeDays: 365, includeHumans: 0 },
  detect({ data, asOf }, t) {
    const out: FindingDraft[] = [];
    for (const c of data.nodes()) {
      if (c.kind !== 'credential' || !isLiveCredential(c, asOf) || isTemporary(c)) continue;
      // NHI7 is about machine secrets; people's passwords are governed (and rotated) differently.
      const ownerNode = data.holderOf(c.id);
      if (ownerNode && ownerNode.subkind === 'human' && !t.includeHumans) continue;
      const times = credentialTimes(c);
      const age = ageDays(times.issued, asOf);
      const reasons: string[] = [];
      if (age !== null && age > t.maxAgeDays) reasons.push(`not rotated for ${age} days (policy: ${t.maxAgeDays})`);
      if (times.expires === null) reasons.push('no expiry');
      else if (times.expires - asOf > t.maxLifetimeDays * DAY_MS)
        reasons.push(`expires ${isoDay(times.expires)}, more than ${t.maxLifetimeDays} days away`);
      // No age (typically a key seen only in logs) or younger than policy: nothing long-lived is claimed.
      const stale = age !== null && age > t.maxAgeDays;
      if (!stale) continue;

      const severity = age > t.highAgeDays ? 'high' : 'medium';
      const severityBecause =
        severity === 'high'
          ? `the secret is ${age} days old, beyond ${t.highAgeDays} days`
          : `the secret is older than the ${t.maxAgeDays}-day rotation policy`;
      out.push({
        subject: c.key,
        severity,
        severityBecause,
        scoreAdjust: Math.min(9, Math.floor((age ?? 0) / 120)),
        title: `${c.subkind ?? 'credential'} ${c.key}${ownerNode ? ` of ${ownerNode.key}` : ''}: ${reasons.join('; ')}`,
        evidence: [
          nodeEvidence(c),
          ...(ownerNode ? [nodeEvidence(ownerNode)] : []),
          fact('age_days', age, times.issued !== null ? `since ${isoDay(times.issued)} (last rotation, else creation)` : 'unknown'),
          fact('expires_at', times.expires !== null ? new Date(times.expires).toISOString() : null),
          fact('policy', { maxAgeDays: t.maxAgeDays, maxLifetimeDays: t.maxLifetimeDays }),
        ],
      });
    }
    return out;
  },
};
