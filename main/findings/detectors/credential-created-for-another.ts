// credential-created-for-another: someone created or reset a credential of an identity other than themselves —
// the backdoor key of Stratus Red Team's iam-create-admin-user, a console password added to a service user, a
// secret added to an Entra application by somebody who does not own it.
// Not a finding: a user rotating their own key, and rotation (the same caller also deleting or deactivating a key of
// the same user within a day: a rotator replaces keys, a backdoor adds one).
import { awsActor, awsCall, awsUser, rareEvents } from '../persistence-events.ts';
import { eventEvidence, fact, isoTime, nodeEvidence } from '../evidence.ts';
import type { EventRow } from '../case-data.ts';
import type { Detector, FindingDraft } from '../types.ts';

/** AWS calls that give a user a new way to authenticate. */
const AWS_CREATES = new Set([
  'CreateAccessKey',
  'CreateLoginProfile',
  'UpdateLoginProfile',
  'UploadSSHPublicKey',
  'UploadSigningCertificate',
  'CreateServiceSpecificCredential',
  'ResetServiceSpecificCredential',
]);
/** Calls that retire a key: with a create they make a rotation. */
const AWS_RETIRES = new Set(['DeleteAccessKey', 'UpdateAccessKey']);
/** Entra audit activities that add a secret or certificate to an application or service principal. */
const ENTRA_CREATES = /^entra:(Add service principal credentials|Update application\s*[–-]\s*Certificates and secrets management)\s*$/i;

function accepts(action: string): boolean {
  const call = awsCall(action);
  return (action.startsWith('iam.amazonaws.com:') && (AWS_CREATES.has(call) || AWS_RETIRES.has(call))) || ENTRA_CREATES.test(action);
}

export const credentialCreatedForAnother: Detector = {
  rule: 'credential-created-for-another',
  defaults: { rotationWindowHours: 24 },
  cannotRun({ data }) {
    return data.eventSpan() ? null : 'no auth events in the case';
  },
  detect({ data, asOf }, t) {
    const creates: { e: EventRow; target: string; account: string | null }[] = [];
    const retires: { ts: number; actor: string | null; target: string }[] = [];
    for (const e of rareEvents(data, asOf, accepts)) {
      const call = awsCall(e.action);
      if (ENTRA_CREATES.test(e.action ?? '')) {
        const targets = Array.isArray(e.props.targets) ? (e.props.targets as { id?: string; type?: string; name?: string }[]) : [];
        const app = targets.find((x) => x && typeof x.id === 'string');
        if (app) creates.push({ e, target: `entra:app:${app.id}`, account: null });
        continue;
      }
      const user = typeof e.props.user === 'string' ? e.props.user : null;
      const actor = awsActor(e.identity);
      if (!user || !actor) continue;
      if (AWS_RETIRES.has(call)) retires.push({ ts: e.ts, actor: e.identity, target: `${actor.account}:${user}` });
      else if (actor.user !== user) creates.push({ e, target: `${actor.account}:${user}`, account: actor.account });
    }
    const window = t.rotationWindowHours * 3_600_000;
    const out: FindingDraft[] = [];
    for (const { e, target, account } of creates) {
      const rotation = retires.some((r) => r.target === target && r.actor === e.identity && Math.abs(r.ts - e.ts) <= window);
      if (rotation) continue;
      let subject: string;
      let label: string;
      const evidence = [eventEvidence(e)];
      if (account) {
        const name = target.slice(account.length + 1);
        const node = awsUser(data, account, name);
        subject = node?.key ?? `arn:aws:iam::${account}:user/${name}`;
        label = `${awsCall(e.action)} for IAM user ${name}`;
        if (node) evidence.unshift(nodeEvidence(node));
      } else {
        const app = (e.props.targets as { id: string; name?: string }[]).find((x) => x && typeof x.id === 'string')!;
        const node = data.resolve(`entra:app:${app.id}`) ?? data.resolve(`entra:sp:${app.id}`) ?? data.resolve(app.id);
        // An owner adding a secret to their own application is ordinary administration.
        const actorNode = data.resolve(e.identity);
        if (node && actorNode && data.edgesFrom(actorNode.id, 'owns').some((x) => x.dst === node.id)) continue;
        subject = node?.key ?? `entra:app:${app.id}`;
        label = `a secret or certificate added to application ${app.name ?? app.id}`;
        if (node) evidence.unshift(nodeEvidence(node));
      }
      out.push({
        subject,
        key: `${e.id}`,
        severity: 'high',
        severityBecause: 'a credential was made for an identity by somebody else, with no retirement of an old one beside it (not a rotation)',
        title: `${label} by ${e.identity ?? 'an unknown caller'} at ${isoTime(e.ts).slice(0, 16).replace('T', ' ')} from ${e.ip ?? 'an unknown address'}`,
        window: { from: isoTime(e.ts), to: isoTime(asOf) },
        evidence: [
          ...evidence,
          fact('created_by', e.identity),
          fact('rotation_checked', `no delete or deactivation of a key of the same identity by the same caller within ${t.rotationWindowHours} h`),
        ],
      });
    }
    return out;
  },
};
