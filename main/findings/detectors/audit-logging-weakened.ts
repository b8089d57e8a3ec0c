// audit-logging-weakened: CloudTrail stopped, deleted or re-scoped, VPC flow logs or Route 53 resolver query logs
// removed, GuardDuty detectors deleted, Okta log streams turned off. The subject is who did it.
import { awsCall, rareEvents } from '../persistence-events.ts';
import { eventEvidence, isoTime, nodeEvidence } from '../evidence.ts';
import type { Detector, FindingDraft } from '../types.ts';
import type { Severity } from '../../../shared/model.ts';

/** What each call does to the record, and how bad that is on its own. */
const CALLS: Record<string, [Severity, string]> = {
  'cloudtrail.amazonaws.com:StopLogging': ['high', 'stopped a CloudTrail trail'],
  'cloudtrail.amazonaws.com:DeleteTrail': ['high', 'deleted a CloudTrail trail'],
  'cloudtrail.amazonaws.com:PutEventSelectors': ['medium', 'changed which events a CloudTrail trail records'],
  'cloudtrail.amazonaws.com:PutInsightSelectors': ['low', 'changed CloudTrail Insights'],
  'cloudtrail.amazonaws.com:UpdateTrail': ['medium', 'changed a CloudTrail trail'],
  'ec2.amazonaws.com:DeleteFlowLogs': ['medium', 'deleted VPC flow logs'],
  'route53resolver.amazonaws.com:DeleteResolverQueryLogConfig': ['medium', 'deleted Route 53 resolver query logging'],
  'route53resolver.amazonaws.com:DisassociateResolverQueryLogConfig': ['medium', 'detached Route 53 resolver query logging'],
  'guardduty.amazonaws.com:DeleteDetector': ['high', 'deleted a GuardDuty detector'],
  'logs.amazonaws.com:DeleteLogGroup': ['low', 'deleted a CloudWatch log group'],
  'okta:system.log_stream.lifecycle.deactivate': ['high', 'deactivated an Okta log stream'],
  'okta:system.log_stream.lifecycle.delete': ['high', 'deleted an Okta log stream'],
};

export const auditLoggingWeakened: Detector = {
  rule: 'audit-logging-weakened',
  defaults: {},
  cannotRun({ data }) {
    return data.eventSpan() ? null : 'no auth events in the case';
  },
  detect({ data, asOf }) {
    const out: FindingDraft[] = [];
    for (const e of rareEvents(data, asOf, (a) => a in CALLS)) {
      const [severity, what] = CALLS[e.action!];
      const actor = data.resolve(e.identity);
      out.push({
        subject: actor?.key ?? e.identity ?? 'unknown',
        key: `${e.id}`,
        severity,
        severityBecause: `${what}: events after it may be missing from the case`,
        title: `${e.identity ?? 'unknown'} ${what} (${awsCall(e.action)}${e.target ? ` on ${e.target}` : ''}) at ${isoTime(e.ts).slice(0, 16).replace('T', ' ')}`,
        window: { from: isoTime(e.ts), to: isoTime(asOf) },
        evidence: [...(actor ? [nodeEvidence(actor)] : []), eventEvidence(e)],
      });
    }
    return out;
  },
};
