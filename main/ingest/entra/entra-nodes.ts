// Entra ID identity conventions (docs/identity-resolution.md): users `entra:user:<objectId>` (aliases: the UPN
// and `entra:upn:<upn>`), service principals `entra:sp:<servicePrincipalId>` (alias `entra:app:<appId>`),
// app registrations `entra:application:<objectId>`, APIs/resources as systems `entra:resource:<appId>`.
import type { CaseWriter } from '../writer.ts';
import { SeenOnce } from './json-log.ts';

export class EntraNodes {
  private readonly writer: CaseWriter;
  private readonly once = new SeenOnce();

  constructor(writer: CaseWriter) {
    this.writer = writer;
  }

  /** A user by object id, or by UPN when the export has no id (found again later through the alias). */
  user(objectId: string | null, upn: string | null, name: string | null, locator: string): number {
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
    const key = `entra:resource:${appId.toLowerCase()}`;
    return this.upsertOnce(key, () => this.writer.upsertNode({ key, kind: 'system', subkind: 'saas', name, provider: 'entra' }, locator));
  }

  /** A client secret or certificate of an app or service principal, with has_credential and authenticates edges. */
  credential(owner: number, keyId: string, subkind: 'client_secret' | 'certificate', props: Record<string, unknown> | null, locator: string): number {
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
