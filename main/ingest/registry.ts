// Every format Blastmap can import. Add a format by adding its Importer here.
import { canonicalCsvImporters } from './csv/canonical-csv.ts';
import type { Importer } from './importer.ts';

export const IMPORTERS: Importer[] = [
  ...canonicalCsvImporters,
];

export function importerByName(name: string): Importer | undefined {
  return IMPORTERS.find((i) => i.name === name);
}
