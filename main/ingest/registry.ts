// Every format Blastmap can import. Add a format by adding its Importer here.
import { canonicalCsvImporters } from './csv/canonical-csv.ts';
import type { Importer } from './importer.ts';
import { linuxAuthLogImporter } from './linux/auth-log.ts';
import { entraSignInImporter } from './entra/signin.ts';
import { entraAuditImporter } from './entra/audit.ts';
import { oktaSystemLogImporter } from './okta/system-log.ts';
import { githubAuditImporter } from './github/audit-log.ts';

export const IMPORTERS: Importer[] = [
  ...canonicalCsvImporters,
  linuxAuthLogImporter,
  entraSignInImporter,
  entraAuditImporter,
  oktaSystemLogImporter,
  githubAuditImporter,
];

export function importerByName(name: string): Importer | undefined {
  return IMPORTERS.find((i) => i.name === name);
}
