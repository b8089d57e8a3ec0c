// Kubernetes objects from `kubectl get … -o json`: `List` documents, typed `*List`s (whose items may omit their
// kind), single objects and NDJSON. Records are streamed item by item; each item is one row.
import type { Detection, ImportContext, Importer, Sample } from '../importer.ts';
import { readSample } from '../file-source.ts';
import { firstRecord, forEachJsonRecord, rec, str, type Rec } from '../entra/json-log.ts';
import { K8sLoader } from './k8s-loader.ts';

export const k8sObjectsImporter: Importer = {
  name: 'k8s-objects',
  description: 'Kubernetes objects (kubectl get -o json Lists): service accounts, roles, bindings, pods, secrets, namespaces',
  detect,
  run,
};

const KINDS = ['ServiceAccount', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'Pod', 'Secret', 'Namespace'];
const TYPED_LIST = new RegExp(`"kind"\\s*:\\s*"(${KINDS.join('|')})List"`);

function detect(sample: Sample): Detection | null {
  const typed = TYPED_LIST.exec(sample.head);
  if (typed && /"apiVersion"\s*:/.test(sample.head)) return { confidence: 0.95, reason: `Kubernetes ${typed[1]}List` };
  const r = firstRecord(sample.head);
  if (!r || !str(r.apiVersion) || !rec(r.metadata)) return null;
  const kind = str(r.kind);
  if (kind && KINDS.includes(kind)) return { confidence: 0.95, reason: `Kubernetes ${kind} objects (apiVersion, kind, metadata)` };
  return null;
}

async function run(ctx: ImportContext): Promise<void> {
  const sample = await readSample(ctx.path, ctx.fileName);
  const listKind = TYPED_LIST.exec(sample.head)?.[1] ?? null;
  const loader = new K8sLoader(ctx.writer);
  await forEachJsonRecord(
    ctx,
    (o, locator) => {
      const kind = str(o.kind);
      if (kind && /List$/.test(kind) && Array.isArray(o.items)) {
        // A one-line List (NDJSON shape): its items are the rows, the List itself is not one.
        return loadItems(ctx, loader, o.items, kind === 'List' ? null : kind.slice(0, -4), locator);
      }
      loader.load(str(o.kind) ?? listKind ?? inferKind(o), o, locator);
    },
    { wrapperKeys: ['items'] },
  );
}

function loadItems(ctx: ImportContext, loader: K8sLoader, items: unknown[], listKind: string | null, locator: string): void {
  items.forEach((item, i) => {
    const o = rec(item);
    const where = `${locator} items[${i}]`;
    if (i > 0) ctx.countRow();
    try {
      if (!o) throw new Error('not a JSON object');
      loader.load(str(o.kind) ?? listKind ?? inferKind(o), o, where);
    } catch (e) {
      ctx.writer.reject(where, (e as Error).message, item);
    }
  });
}

/** Items of typed lists from the raw API omit `kind`: told apart by their fields. */
function inferKind(o: Rec): string {
  const ns = !!str(rec(o.metadata)?.namespace);
  if (rec(o.roleRef)) return ns ? 'RoleBinding' : 'ClusterRoleBinding';
  if (Array.isArray(o.rules) || o.aggregationRule) return ns ? 'Role' : 'ClusterRole';
  if (rec(rec(o.spec)) && Array.isArray(rec(o.spec)!.containers)) return 'Pod';
  if (typeof o.type === 'string' && ('data' in o || 'stringData' in o)) return 'Secret';
  if (ns && ('secrets' in o || 'automountServiceAccountToken' in o || Object.keys(o).every((k) => ['metadata', 'apiVersion'].includes(k))))
    return 'ServiceAccount';
  return 'unknown';
}
