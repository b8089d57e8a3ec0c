// Entra ID identity conventions (docs/identity-resolution.md): users `entra:user:<objectId>` (aliases: the UPN
// and `entra:upn:<upn>`), service principals `entra:sp:<servicePrincipalId>` (alias `entra:app:<appId>`),
// app registrations `entra:application:<objectId>`, APIs/resources as systems `entra:resource:<appId>`.
import type { CaseWriter } from '../writer.ts';
import { SeenOnce } from './json-log.ts';

export class EntraNodes {
  private readonly writer: CaseWriter;
  private readonly once = new SeenOnce();
  /**
   * What user(), servicePrincipal(), resource() and credential() answered, by the arguments that decide it: after
   * the first call they only look the node up again (a sign-in log names the same principals record after record,
   * and building their keys and asking again was a fifth of the writing thread's time). Forgotten with `once`, so
   * the calls then go on exactly as they did without it.
   */
  private readonly answers = { u: new Answers(), s: new Answers(), r: new Answers(), c: new Answers() };
  private answersOf = 0;

  constructor(writer: CaseWriter) {
    this.writer = writer;
  }

  private answered(kind: keyof EntraNodes['answers'], a: string | null, b: string | number | null): number | undefined {
    if (this.answersOf !== this.once.forgotten) {
      for (const answers of Object.values(this.answers)) answers.clear();
      this.answersOf = this.once.forgotten;
    }
    return this.answers[kind].get(a)?.get(b);
  }

  private answer(kind: keyof EntraNodes['answers'], a: string | null, b: string | number | null, id: number): number {
    if (this.answersOf !== this.once.forgotten) return id; // forgotten during the call: remember nothing
    const answers = this.answers[kind];
    let byB = answers.get(a);
    if (!byB) answers.set(a, (byB = new Map()));
    byB.set(b, id);
    return id;
  }

  /** A user by object id, or by UPN when the export has no id (found again later through the alias). */
  user(objectId: string | null, upn: string | null, name: string | null, locator: string): number {
    return this.answered('u', objectId, upn) ?? this.answer('u', objectId, upn, this.userOnce(objectId, upn, name, locator));
  }

  private userOnce(objectId: string | null, upn: string | null, name: string | null, locator: string): number {
    const upnKey = upn ? `entra:upn:${upn.toLowerCase()}` : null;
    const key = objectId ? `entra:user:${objectId.toLowerCase()}` : upnKey!;
    if (!objectId && upnKey) {
      const known = this.writer.find(upnKey);
      if (known !== undefined) return known;
    }
    const id = this.upsertOnce(key, () =>
      this.writer.upsertNode(
        {
          key,
          kind: 'identity',
          subkind: 'human',
          name: name ?? upn,
          provider: 'entra',
          props: upn ? { upn } : null,
        },
        locator,
      ),
    );
    if (upn && this.once.first(`alias:${key}:${upn}`)) {
      this.writer.alias(upn.toLowerCase(), id);
      if (upnKey !== key) this.writer.alias(upnKey!, id);
    }
    return id;
  }

  /** A service principal (or managed identity, subkind workload); keyed by appId alias when its id is unknown. */
  servicePrincipal(spId: string | null, appId: string | null, name: string | null, subkind: string, locator: string): number {
    return this.answered('s', spId, appId) ?? this.answer('s', spId, appId, this.servicePrincipalOnce(spId, appId, name, subkind, locator));
  }

  private servicePrincipalOnce(spId: string | null, appId: string | null, name: string | null, subkind: string, locator: string): number {
    const appKey = appId ? `entra:app:${appId.toLowerCase()}` : null;
    if (!spId) {
      const known = this.writer.find(appKey!);
      if (known !== undefined) return known;
    }
    const key = spId ? `entra:sp:${spId.toLowerCase()}` : appKey!;
    const id = this.upsertOnce(key, () =>
      this.writer.upsertNode(
        {
          key,
          kind: 'identity',
          subkind,
          name,
          provider: 'entra',
          props: appId ? { appId } : null,
        },
        locator,
      ),
    );
    if (appKey && appKey !== key && this.once.first(`alias:${key}:${appKey}`)) this.writer.alias(appKey, id);
    return id;
  }

  /** An app registration (the Application object, distinct from its service principals). */
  application(objectId: string, name: string | null, locator: string): number {
    const key = `entra:application:${objectId.toLowerCase()}`;
    return this.upsertOnce(key, () => this.writer.upsertNode({ key, kind: 'identity', subkind: 'oauth_app', name, provider: 'entra' }, locator));
  }

  /** An API or app as something signed in to: a SaaS system. */
  resource(appId: string, name: string | null, locator: string): number {
    return this.answered('r', appId, null) ?? this.answer('r', appId, null, this.resourceOnce(appId, name, locator));
  }

  private resourceOnce(appId: string, name: string | null, locator: string): number {
    const key = `entra:resource:${appId.toLowerCase()}`;
    return this.upsertOnce(key, () => this.writer.upsertNode({ key, kind: 'system', subkind: 'saas', name, provider: 'entra' }, locator));
  }

  /** A client secret or certificate of an app or service principal, with has_credential and authenticates edges. */
  credential(owner: number, keyId: string, subkind: 'client_secret' | 'certificate', props: Record<string, unknown> | null, locator: string): number {
    return this.answered('c', keyId, owner) ?? this.answer('c', keyId, owner, this.credentialOnce(owner, keyId, subkind, props, locator));
  }

  private credentialOnce(
    owner: number,
    keyId: string,
    subkind: 'client_secret' | 'certificate',
    props: Record<string, unknown> | null,
    locator: string,
  ): number {
    const key = `entra:cred:${keyId.toLowerCase()}`;
    const id = this.upsertOnce(key, () =>
      this.writer.upsertNode({ key, kind: 'credential', subkind, name: keyId, provider: 'entra', props }, locator),
    );
    if (this.once.first(`owner:${key}:${owner}`)) {
      this.writer.edge({ src: owner, dst: id, kind: 'has_credential' }, locator);
      this.writer.edge({ src: id, dst: owner, kind: 'authenticates' }, locator);
    }
    return id;
  }

  private upsertOnce(key: string, create: () => number): number {
    if (this.once.first(key)) return create();
    return this.writer.find(key) ?? create();
  }
}

/** Node ids by two arguments. */
class Answers extends Map<string | null, Map<string | number | null, number>> {}
