// The directory's description of an account, read from whatever a source stored in the node's props: Entra
// (userType, jobTitle, department, manager, employeeId, passwordPolicies), Active Directory (servicePrincipalName,
// the userAccountControl flags DONT_EXPIRE_PASSWORD and PASSWD_CANT_CHANGE, as SharpHound/OpenGraph spell them)
// and Okta profiles (profile.userType, title, department, managerId, employeeNumber). Names are matched without
// regard to case, at the top of props and under `directory` and `profile`. Pure; hostile values are only tested.

export interface DirectoryAttributes {
  /** A directory record was seen (a user type or a person attribute was present, even empty), so "no manager" means something. */
  known: boolean;
  userType: string | null;
  jobTitle: string | null;
  department: string | null;
  manager: string | null;
  employeeId: string | null;
  servicePrincipalNames: boolean;
  passwordNeverExpires: boolean;
  cannotChangePassword: boolean;
  /** The on-premises SID an Entra user was synced from, or an AD/Windows account's own SID. */
  sid: string | null;
}

const NAMES: Record<Exclude<keyof DirectoryAttributes, 'known'>, readonly string[]> = {
  userType: ['usertype', 'user_type'],
  jobTitle: ['jobtitle', 'job_title', 'title'],
  department: ['department', 'dept'],
  manager: ['manager', 'managerid', 'manager_id', 'managerupn'],
  employeeId: ['employeeid', 'employee_id', 'employeenumber', 'employee_number'],
  servicePrincipalNames: ['serviceprincipalnames', 'serviceprincipalname', 'hasspn'],
  passwordNeverExpires: ['pwdneverexpires', 'passwordneverexpires', 'dont_expire_password', 'dontexpirepassword', 'passwordpolicies'],
  cannotChangePassword: ['passwordcantchange', 'cannotchangepassword', 'passwd_cant_change', 'pwdcantchange'],
  sid: ['onpremisessecurityidentifier', 'onpremisesecurityidentifier', 'onpremisesecurityid', 'objectsid', 'sid'],
};

export function directoryAttributes(props: Record<string, unknown>): DirectoryAttributes {
  const scopes = [props, asObject(props.directory), asObject(props.profile)].filter((o): o is Record<string, unknown> => o !== null);
  const lookup = new Map<string, unknown>();
  for (const scope of scopes) for (const [k, v] of Object.entries(scope)) if (!lookup.has(k.toLowerCase())) lookup.set(k.toLowerCase(), v);
  let known = false;
  const first = (names: readonly string[], describesPeople = false): unknown => {
    for (const n of names) {
      if (lookup.has(n)) {
        if (describesPeople) known = true;
        return lookup.get(n);
      }
    }
    return undefined;
  };
  const text = (names: readonly string[], describesPeople = false): string | null => {
    const v = first(names, describesPeople);
    if (typeof v === 'string') return v.trim().slice(0, 200) || null;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const id = o.id ?? o.userPrincipalName ?? o.displayName;
      return typeof id === 'string' && id.trim() ? id.trim().slice(0, 200) : null;
    }
    return typeof v === 'number' ? String(v) : null;
  };
  const spns = first(NAMES.servicePrincipalNames);
  const neverExpires = first(NAMES.passwordNeverExpires);
  const attrs: DirectoryAttributes = {
    known: false,
    // A recorded user type (Entra Member/Guest, an Okta profile's userType) means a directory record was read.
    userType: text(NAMES.userType, true),
    jobTitle: text(NAMES.jobTitle, true),
    department: text(NAMES.department, true),
    manager: text(NAMES.manager, true),
    employeeId: text(NAMES.employeeId, true),
    servicePrincipalNames:
      spns === true ||
      (Array.isArray(spns) && spns.some((s) => typeof s === 'string' && s.trim() !== '')) ||
      (typeof spns === 'string' && spns.trim() !== '' && spns !== 'false'),
    passwordNeverExpires: truthy(neverExpires) || (typeof neverExpires === 'string' && /DisablePasswordExpiration/i.test(neverExpires)),
    cannotChangePassword: truthy(first(NAMES.cannotChangePassword)),
    sid: text(NAMES.sid),
  };
  attrs.known = known;
  return attrs;
}

function truthy(v: unknown): boolean {
  return v === true || v === 1 || (typeof v === 'string' && /^(true|yes|1)$/i.test(v.trim()));
}

function asObject(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
