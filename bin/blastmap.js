#!/usr/bin/env node
// Launcher for the `blastmap` command: checks the Node version, then runs the TypeScript CLI
// directly (Node >= 22.18 strips types natively; the project pins Node 22 via the `node` package).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `blastmap needs Node.js 22.18 or newer (this is ${process.version}). Run it through npm (npx blastmap …), which uses the project's pinned Node.\n`,
  );
  process.exit(2);
}
await import('../main/cli/main.ts');
