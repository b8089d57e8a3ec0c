// Opens and creates case files. A file that is not a Blastmap case, or was written by a newer
// schema, is refused before SQLite ever writes to it: opening must never change evidence.
import { registerAddressFunctions } from './address-column.ts';
import { prepared } from './statement-cache.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CheckpointResult } from './background-checkpoint.ts';
import { ApiError } from '../../shared/api/contract.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations/index.ts';

/** PRAGMA application_id of every case file: "BlMp". */
export const APPLICATION_ID = 0x426c4d70;
const SQLITE_MAGIC = 'SQLite format 3\u0000';

export interface CaseFile {
  readonly db: Database.Database;
  readonly path: string;
  readonly readOnly: boolean;
  /** Bumped whenever the graph-relevant content changes, so analysis caches know to rebuild. */
  generation: number;
  /** The checkpoint a big import left running in the background, if any (tests and benchmarks wait on it). */
  checkpoint?: Promise<CheckpointResult | null>;
  close(): void;
}

export interface OpenOptions {
  create?: boolean;
  readOnly?: boolean;
  /** The migration list to apply; only tests pass one (to prove a killed migration leaves the old schema). */
  migrations?: readonly string[];
}

export function openCase(file: string, options: OpenOptions = {}): CaseFile {
  const full = path.resolve(file);
  const exists = fs.existsSync(full);
  if (!exists && !options.create) throw new ApiError('bad-case', `no case file at ${full}`);
  if (!exists && options.readOnly) throw new ApiError('bad-case', `cannot create a case read-only: ${full}`);
  if (exists) checkHeader(full);

  let db: Database.Database;
  try {
    db = new Database(full, { readonly: !!options.readOnly, fileMustExist: exists });
  } catch (err) {
    throw new ApiError('bad-case', `cannot open ${full}: ${(err as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    registerAddressFunctions(db);
    if (!options.readOnly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    const migrations = options.migrations ?? MIGRATIONS;
    if (!exists) initialise(db, migrations);
    else migrate(db, full, !!options.readOnly, migrations);
  } catch (err) {
    db.close();
    if (err instanceof ApiError) throw err;
    throw new ApiError('bad-case', `cannot open ${full}: ${(err as Error).message}`);
  }
  return {
    db,
    path: full,
    readOnly: !!options.readOnly,
    generation: 0,
    close: () => db.close(),
  };
}

/** Reads the 100-byte SQLite header without opening the database. */
function checkHeader(full: string): void {
  const stat = fs.statSync(full);
  if (!stat.isFile()) throw new ApiError('bad-case', `not a file: ${full}`);
  const header = Buffer.alloc(100);
  const fd = fs.openSync(full, 'r');
  let read = 0;
  try {
    read = fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new ApiError('bad-case', `not a Blastmap case file (not an SQLite database): ${full}`);
  }
  const applicationId = header.readUInt32BE(68);
  const userVersion = header.readUInt32BE(60);
  if (applicationId !== APPLICATION_ID) {
    throw new ApiError('bad-case', `not a Blastmap case file (an SQLite database of another application): ${full}`);
  }
  if (userVersion > SCHEMA_VERSION) throw newerSchema(full, userVersion);
}

function newerSchema(full: string, version: number): ApiError {
  return new ApiError(
    'bad-case',
    `${full} was written by a newer Blastmap (case schema v${version}; this version reads up to v${SCHEMA_VERSION}). Upgrade Blastmap to open it.`,
  );
}

function initialise(db: Database.Database, migrations: readonly string[]): void {
  db.transaction(() => {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    applyMigrations(db, 0, migrations);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('created_at', new Date().toISOString());
    appendAudit(db, 'case.create', { schemaVersion: SCHEMA_VERSION });
  })();
}

function migrate(db: Database.Database, full: string, readOnly: boolean, migrations: readonly string[]): void {
  // The header may lag behind the WAL; the pragma is authoritative.
  const version = db.pragma('user_version', { simple: true }) as number;
  const target = migrations.length;
  if (version > target) throw newerSchema(full, version);
  if (version === target) return;
  if (readOnly) throw new ApiError('read-only', `${full} needs a schema upgrade (v${version} → v${target}); open it writable once first`);
  db.transaction(() => {
    applyMigrations(db, version, migrations);
    appendAudit(db, 'case.migrate', { from: version, to: target });
  })();
}

/** All pending migrations and the version bump commit together, so a crash leaves the old or the new schema. */
function applyMigrations(db: Database.Database, from: number, migrations: readonly string[]): void {
  for (let v = from; v < migrations.length; v++) {
    db.exec(migrations[v]);
    db.pragma(`user_version = ${v + 1}`);
  }
}

/** The OS user running the engine, asked once (a folder import audits thousands of files). */
export function currentActor(): string {
  if (actor === null) {
    try {
      actor = os.userInfo().username || 'analyst';
    } catch {
      actor = 'analyst';
    }
  }
  return actor;
}

let actor: string | null = null;

/** Appends to the chain-of-custody log. There is deliberately no update or delete counterpart. */
export function appendAudit(db: Database.Database, action: string, detail: unknown, actor = currentActor()): void {
  prepared(db, 'INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)').run(
    new Date().toISOString(),
    actor,
    action,
    JSON.stringify(detail ?? null),
  );
}
