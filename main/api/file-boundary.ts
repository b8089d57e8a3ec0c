// The file boundary of the engine: which paths on disk a UI request may name. The shells grant them (the
// Electron main process for what the analyst chose in a native dialog or dropped on the window, the server for
// its upload folder, the case it was started on and the folders its analyst allowed); every handler that takes
// a path from a request checks it here. The renderer cannot grant: grants travel beside the API, never in it.
// The CLI runs without a boundary (its user names paths on their own command line).
// Paths are compared after resolving symlinks, so a link inside a granted folder cannot point outside it.
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api/contract.ts';

export type Grant =
  /** A file, or a folder and everything under it, that may be read (imported, detected, mapped). */
  | { kind: 'read'; path: string }
  /** One case file that may be opened, and created when it does not exist (a native open or save dialog). */
  | { kind: 'case'; path: string }
  /** A folder inside which cases may be opened and created (browser mode: `serve --cases-dir`). */
  | { kind: 'cases'; path: string };

const CASE_EXTENSION = '.blastmap';

export class FileBoundary {
  private readonly readRoots = new Set<string>();
  private readonly caseFiles = new Set<string>();
  private readonly caseFolders = new Set<string>();

  constructor(grants: Grant[] = []) {
    for (const g of grants) this.grant(g);
  }

  grant(g: Grant): void {
    if (!g || typeof g.path !== 'string' || !path.isAbsolute(g.path)) return;
    const real = realPath(g.path);
    if (g.kind === 'read') this.readRoots.add(real);
    else if (g.kind === 'case') this.caseFiles.add(real);
    else if (g.kind === 'cases') this.caseFolders.add(real);
  }

  /**
   * Throws unless the path is granted for reading. Says nothing about whether an ungranted path exists:
   * the refusal is the same for /etc/shadow and for a missing file.
   */
  checkRead(p: string, what: string): void {
    const real = realPath(path.resolve(p));
    if (![...this.readRoots].some((root) => inside(real, root))) throw notGranted(p, what);
  }

  /**
   * Throws unless the case may be opened (or created): a granted case file, or a `.blastmap` file inside a
   * granted cases folder. A new case is never created through a symlink or over an existing file.
   */
  checkCase(p: string, create: boolean): void {
    const resolved = path.resolve(p);
    const real = realPath(resolved);
    if (this.caseFiles.has(real)) return;
    const inFolder = real.endsWith(CASE_EXTENSION) && [...this.caseFolders].some((folder) => inside(real, folder) && real !== folder);
    if (!inFolder) throw notGranted(p, create ? 'creating a case' : 'opening a case');
    if (create && isSymlink(resolved)) throw notGranted(p, 'creating a case through a symbolic link');
  }
}

function notGranted(p: string, what: string): ApiError {
  return new ApiError(
    'forbidden',
    `${what}: ${p} was not chosen by the analyst. In the desktop app, choose it with File › Open/Import or ` +
      'drop it on the window; in browser mode, upload it, or start the server with --allow <path> (files) or --cases-dir <folder> (cases)',
  );
}

/** True when `p` is `root` or lies below it. */
function inside(p: string, root: string): boolean {
  if (p === root) return true;
  const rel = path.relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * The path with every symlink resolved. For a path that does not exist (yet), its nearest existing ancestor is
 * resolved and the rest appended, so a new file under a linked folder is judged where it would really land.
 */
function realPath(p: string): string {
  const resolved = path.resolve(p);
  try {
    return fs.realpathSync.native(resolved);
  } catch {
    const parent = path.dirname(resolved);
    if (parent === resolved) return resolved;
    return path.join(realPath(parent), path.basename(resolved));
  }
}

function isSymlink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
