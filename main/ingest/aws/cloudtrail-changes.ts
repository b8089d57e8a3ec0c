// Which CloudTrail calls change credentials, permissions or trust, and what they changed. Findings read
// these as events with props.change = '<kind>' (e.g. time from a leaked key's use to its revocation).
// Keyed by "<eventSource>:<eventName>": other services have their own CreateUser, CreateProfile… that are not IAM.
// Pure data and parsing only; the loader decides which nodes to create.

const IAM = 'iam.amazonaws.com';

export const CHANGE_KINDS: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, {
    [`${IAM}:CreateAccessKey`]: 'access_key_created',
    [`${IAM}:DeleteAccessKey`]: 'access_key_deleted',
    [`${IAM}:UpdateAccessKey`]: 'access_key_status_changed',
    [`${IAM}:CreateLoginProfile`]: 'password_created',
    [`${IAM}:UpdateLoginProfile`]: 'password_changed',
    [`${IAM}:DeleteLoginProfile`]: 'password_deleted',
    [`${IAM}:ChangePassword`]: 'password_changed',
    [`${IAM}:CreateUser`]: 'user_created',
    [`${IAM}:DeleteUser`]: 'user_deleted',
    [`${IAM}:CreateRole`]: 'role_created',
    [`${IAM}:DeleteRole`]: 'role_deleted',
    [`${IAM}:UpdateAssumeRolePolicy`]: 'trust_policy_changed',
    [`${IAM}:AttachUserPolicy`]: 'policy_attached',
    [`${IAM}:AttachRolePolicy`]: 'policy_attached',
    [`${IAM}:AttachGroupPolicy`]: 'policy_attached',
    [`${IAM}:DetachUserPolicy`]: 'policy_detached',
    [`${IAM}:DetachRolePolicy`]: 'policy_detached',
    [`${IAM}:DetachGroupPolicy`]: 'policy_detached',
    [`${IAM}:PutUserPolicy`]: 'inline_policy_put',
    [`${IAM}:PutRolePolicy`]: 'inline_policy_put',
    [`${IAM}:PutGroupPolicy`]: 'inline_policy_put',
    [`${IAM}:DeleteUserPolicy`]: 'inline_policy_deleted',
    [`${IAM}:DeleteRolePolicy`]: 'inline_policy_deleted',
    [`${IAM}:DeleteGroupPolicy`]: 'inline_policy_deleted',
    [`${IAM}:CreatePolicyVersion`]: 'policy_version_created',
    [`${IAM}:SetDefaultPolicyVersion`]: 'policy_version_set',
    [`${IAM}:AddUserToGroup`]: 'group_member_added',
    [`${IAM}:RemoveUserFromGroup`]: 'group_member_removed',
    [`${IAM}:PutUserPermissionsBoundary`]: 'permissions_boundary_set',
    [`${IAM}:PutRolePermissionsBoundary`]: 'permissions_boundary_set',
    [`${IAM}:DeleteUserPermissionsBoundary`]: 'permissions_boundary_deleted',
    [`${IAM}:DeleteRolePermissionsBoundary`]: 'permissions_boundary_deleted',
    [`${IAM}:CreateServiceSpecificCredential`]: 'service_credential_created',
    [`${IAM}:ResetServiceSpecificCredential`]: 'service_credential_reset',
    [`${IAM}:DeleteServiceSpecificCredential`]: 'service_credential_deleted',
    [`${IAM}:UploadSSHPublicKey`]: 'ssh_key_uploaded',
    [`${IAM}:UploadSigningCertificate`]: 'signing_certificate_uploaded',
    [`${IAM}:EnableMFADevice`]: 'mfa_enabled',
    [`${IAM}:DeactivateMFADevice`]: 'mfa_disabled',
    [`${IAM}:DeleteVirtualMFADevice`]: 'mfa_deleted',
    [`${IAM}:CreateSAMLProvider`]: 'identity_provider_changed',
    [`${IAM}:UpdateSAMLProvider`]: 'identity_provider_changed',
    [`${IAM}:CreateOpenIDConnectProvider`]: 'identity_provider_changed',
    [`${IAM}:UpdateOpenIDConnectProviderThumbprint`]: 'identity_provider_changed',
    [`${IAM}:AddClientIDToOpenIDConnectProvider`]: 'identity_provider_changed',
    [`${IAM}:AddRoleToInstanceProfile`]: 'instance_profile_role_added',
    ['rolesanywhere.amazonaws.com:CreateTrustAnchor']: 'trust_anchor_created',
    ['rolesanywhere.amazonaws.com:UpdateTrustAnchor']: 'trust_anchor_changed',
    ['rolesanywhere.amazonaws.com:CreateProfile']: 'roles_anywhere_profile_created',
    ['sts.amazonaws.com:GetFederationToken']: 'federation_token_issued',
    ['cloudtrail.amazonaws.com:StopLogging']: 'audit_logging_changed',
    ['cloudtrail.amazonaws.com:DeleteTrail']: 'audit_logging_changed',
    ['cloudtrail.amazonaws.com:UpdateTrail']: 'audit_logging_changed',
    ['cloudtrail.amazonaws.com:PutEventSelectors']: 'audit_logging_changed',
  }),
);

export function changeKind(action: string): string | null {
  return CHANGE_KINDS[action] ?? null;
}

/** What a change named, in a few flat fields (kept in event props; absent fields are left out). */
export interface ChangeDetail {
  user?: string;
  role?: string;
  group?: string;
  policy?: string;
  access_key?: string;
  key_status?: string;
  /** A permissions boundary (CreateRole/CreateUser, Put*PermissionsBoundary): a ceiling on the principal, never a grant. */
  boundary?: string;
}

type Obj = Record<string, unknown>;

export function changeDetail(request: Obj | null, response: Obj | null): ChangeDetail {
  const d: ChangeDetail = {};
  const r = request ?? {};
  const accessKey = obj(response?.accessKey);
  const user = text(r.userName) ?? text(accessKey?.userName) ?? text(obj(response?.user)?.userName);
  if (user) d.user = user;
  const role = text(r.roleName);
  if (role) d.role = role;
  const group = text(r.groupName);
  if (group) d.group = group;
  const policy = text(r.policyArn) ?? text(r.policyName);
  if (policy) d.policy = policy;
  const created = obj(response?.role) ?? obj(response?.user);
  const boundary = text(r.permissionsBoundary) ?? text(obj(created?.permissionsBoundary)?.permissionsBoundaryArn);
  if (boundary) d.boundary = boundary;
  const key = text(r.accessKeyId) ?? text(accessKey?.accessKeyId);
  if (key) d.access_key = key;
  const status = text(r.status) ?? text(accessKey?.status);
  if (status) d.key_status = status;
  return d;
}

/** Longest trust policy kept: IAM allows 2,048 characters (4,096 with a quota increase); URL-encoding can triple that. */
const MAX_TRUST_CHARS = 16_384;

/**
 * The trust policy a call set, as the raw text CloudTrail logged (URL-encoded or plain JSON; an object in some
 * re-exports is turned back into JSON): CreateRole's assumeRolePolicyDocument (else the one echoed in the response),
 * UpdateAssumeRolePolicy's policyDocument. Null for other calls, and for an absent or oversized document.
 */
export function trustDocument(eventName: string, request: Obj | null, response: Obj | null): string | null {
  let doc: unknown;
  if (eventName === 'CreateRole') doc = request?.assumeRolePolicyDocument ?? obj(response?.role)?.assumeRolePolicyDocument;
  else if (eventName === 'UpdateAssumeRolePolicy') doc = request?.policyDocument;
  else return null;
  const s = obj(doc) ? JSON.stringify(doc) : typeof doc === 'string' ? doc : null;
  return s && s.length <= MAX_TRUST_CHARS && s.trim() ? s : null;
}

export function obj(v: unknown): Obj | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null;
}

/** A bounded, non-empty string or null: hostile files carry huge values where names should be. */
export function text(v: unknown, max = 2048): string | null {
  if (typeof v !== 'string') return null;
  const s = v.length > max ? v.slice(0, max) : v;
  return s.trim() ? s : null;
}
