// mfa-removed: an MFA device or authentication method deactivated or deleted (AWS DeactivateMFADevice /
// DeleteVirtualMFADevice, Entra security-info and strong-authentication removals, Okta factor resets). Worse when
// somebody removes another identity's MFA than when a user replaces their own device.
import { awsActor, awsCall, awsUser, rareEvents } from '../persistence-events.ts';
import { eventEvidence, isoTime, nodeEvidence } from '../evidence.ts';
import type { Detector, FindingDraft } from '../types.ts';

const AWS = new Set(['iam.amazonaws.com:DeactivateMFADevice', 'iam.amazonaws.com:DeleteVirtualMFADevice']);
const OTHER =
  /^(entra:.*(Disable Strong Authentication|deleted security info|Delete .*authentication method|Reset user'?s? MFA)|okta:user\.mfa\.factor\.(deactivate|reset_all))/i;

export const mfaRemoved: Detector = {
  rule: 'mfa-removed',
  defaults: {},
  cannotRun({ data }) {
    return data.eventSpan() ? null : 'no auth events in the case';
  },
  detect({ data, asOf }) {
    const out: FindingDraft[] = [];
    for (const e of rareEvents(data, asOf, (a) => AWS.has(a) || OTHER.test(a))) {
      const actor = awsActor(e.identity);
      const user = typeof e.props.user === 'string' ? e.props.user : null;
      const targetNode = AWS.has(e.action!) && actor && user ? awsUser(data, actor.account, user) : data.resolve(e.target);
      const subject = targetNode?.key ?? (actor && user ? `arn:aws:iam::${actor.account}:user/${user}` : (e.target ?? e.identity ?? 'unknown'));
      const self = subject === e.identity || (actor?.user !== null && actor?.user === user);
      out.push({
        subject,
        key: `${e.id}`,
        severity: self ? 'medium' : 'high',
        severityBecause: self
          ? 'an identity removed its own MFA (a device swap looks the same; check a new one was enrolled)'
          : 'somebody removed MFA from another identity',
        title: `MFA removed from ${subject} by ${e.identity ?? 'unknown'} (${awsCall(e.action)}) at ${isoTime(e.ts).slice(0, 16).replace('T', ' ')}`,
        window: { from: isoTime(e.ts), to: isoTime(asOf) },
        evidence: [...(targetNode ? [nodeEvidence(targetNode)] : []), eventEvidence(e)],
      });
    }
    return out;
  },
};
