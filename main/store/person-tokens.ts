// "A programmatic credential of a person", defined once: an API token or personal access token that a person
// created or holds, and that acts as them (Okta API tokens act with their creator's rights and are logged under the
// creator's name; GitHub personal access and OAuth tokens act as their owner). The log names the person as the
// actor, but the token is what acted: it lives on a server or in a script, keeps working while its creator is away,
// and can outlive them. So the behavioural rules judge it as a subject of its own (findings/person-tokens.ts), and
// its creator counts as its owner (store/orphans.ts).
// Not included: AWS access keys of IAM users (CloudTrail names the IAM user itself as the acting identity, the key
// has no life apart from that user, and a person's own CLI key roams with them like a password would); session
// credentials; tokens of apps and workloads (their identity is already judged as a non-human identity).

/** The fields of a credential node this decision reads. */
export interface TokenFacts {
  kind: string;
  subkind: string | null;
  props: Record<string, unknown>;
}

/** GitHub's `programmatic_access_type` of tokens an app holds rather than a person. */
const APP_TOKEN = /server-to-server|installation/i;

/** Whether a credential held by a person (holderSubkind 'human') is a token acting as them. */
export function isPersonToken(c: TokenFacts, holderSubkind: string | null | undefined): boolean {
  if (c.kind !== 'credential' || c.subkind !== 'token' || holderSubkind !== 'human') return false;
  if (c.props.temporary === true) return false;
  return !(typeof c.props.type === 'string' && APP_TOKEN.test(c.props.type));
}

/** How the source names the person behind a token, for owner lists ("Okta API token creator"). */
export function tokenOwnerSource(key: string): string {
  if (key.startsWith('okta:token:')) return 'Okta API token creator';
  if (key.startsWith('github:')) return 'GitHub token owner';
  return 'token holder';
}
