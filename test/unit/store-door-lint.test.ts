// The case file has one door (docs/architecture.md): `npm run lint` refuses a statement prepared outside
// main/store/. Checked on fixture code with the repository's own ESLint configuration, so the rule cannot silently
// stop applying (a moved glob, a folder renamed) while the repository happens to stay clean.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: repo });
const code = `import type Database from 'better-sqlite3';
export function count(db: Database.Database): number {
  return db.prepare('SELECT count(*) FROM node').pluck().get() as number;
}
`;

async function problems(file: string, text = code): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path.join(repo, file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the store is the only door to the case file', () => {
  it('refuses .prepare( in every main/ folder but store/', async () => {
    for (const folder of ['graph', 'findings', 'inventory', 'ingest', 'api', 'report', 'kinds', 'intel']) {
      const found = await problems(`main/${folder}/lint-fixture.ts`);
      expect(found.some((m) => m.startsWith('no-restricted-syntax') && m.includes('main/store/'))).toBe(true);
    }
  }, 60_000);

  it('refuses the statement cache outside main/store/ (SQL handed to it would be a second door)', async () => {
    const viaCache = `import type Database from 'better-sqlite3';\nimport { prepared } from '../store/statement-cache.ts';\nexport const n = (db: Database.Database) => prepared(db, 'SELECT 1').get();\n`;
    expect((await problems('main/findings/lint-fixture.ts', viaCache)).some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
    expect(await problems('main/store/lint-fixture.ts', viaCache.replace('../store/', './'))).toEqual([]);
  }, 60_000);

  it('allows it in main/store/, and elsewhere a call through a store module', async () => {
    expect(await problems('main/store/lint-fixture.ts')).toEqual([]);
    const viaStore = `import type Database from 'better-sqlite3';\nimport { newestSourceOf } from '../store/sources-read.ts';\nexport const newest = (db: Database.Database) => newestSourceOf(db, ['csv']);\n`;
    expect(await problems('main/graph/lint-fixture.ts', viaStore)).toEqual([]);
  }, 60_000);
});
