// Whether dist/ was compiled from the sources as they are now: the bin runs dist/ only then, never stale code.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the compiled package is made from: every source folder, and the files that steer the build. */
export const SOURCE_DIRS = ['sim', 'ews', 'mock-exchange', 'gateway', 'scenarios', 'lab', 'dashboard', 'cli', 'api'];
const BUILD_FILES = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'];

/** The file holding the stamp of the sources dist/ was built from. */
export const STAMP_FILE = join('dist', 'build-stamp.json');

function walk(root, dir, out) {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return; // a folder that does not exist (api/ before it is written) adds nothing
  }
  for (const e of entries) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) walk(root, rel, out);
    else if (e.isFile()) out.push(rel);
  }
}

/** A digest of the source tree's names, sizes and modification times (an edit, a checkout, a new or removed file). */
export function sourceStamp(root) {
  const files = [];
  for (const dir of SOURCE_DIRS) walk(root, dir, files);
  const hash = createHash('sha256');
  for (const rel of [...files.sort(), ...BUILD_FILES]) {
    let line = `${rel} -`;
    try {
      const st = statSync(join(root, rel));
      line = `${rel} ${st.size} ${st.mtimeMs}`;
    } catch {}
    hash.update(`${line}\n`);
  }
  return hash.digest('hex');
}

/** True when dist/ holds a complete build of the sources under `root` as they are now. */
export function distIsCurrent(root) {
  try {
    const stamp = JSON.parse(readFileSync(join(root, STAMP_FILE), 'utf8'));
    return stamp.sources === sourceStamp(root);
  } catch {
    return false;
  }
}
