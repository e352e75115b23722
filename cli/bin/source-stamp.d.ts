/** The source folders a build compiles. */
export const SOURCE_DIRS: readonly string[];
/** dist/'s stamp file, relative to the repository root. */
export const STAMP_FILE: string;
/** A digest of the source tree's names, sizes and modification times. */
export function sourceStamp(root: string): string;
/** True when dist/ holds a complete build of the sources under `root` as they are now. */
export function distIsCurrent(root: string): boolean;
