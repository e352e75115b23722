#!/usr/bin/env node
// The pgsim command. Installed from the package, it runs the compiled CLI in dist/. In the repository it runs
// dist/ only when dist/ was built from the sources as they are now (`npm run build`), else the TypeScript
// sources through tsx: a stale build is never run.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const inRepository = existsSync(`${root}cli/cli.ts`);
const compiled = !inRepository || (await import('./source-stamp.js')).distIsCurrent(root);

let runCli;
if (compiled) {
  ({ runCli } = await import(new URL('../../dist/cli/cli.js', import.meta.url).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import(new URL('../cli.ts', import.meta.url).href));
}
await runCli(process.argv);
