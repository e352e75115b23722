import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLIENT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'client');

export interface ClientAssets {
  html: string;
  css: string;
  js: string;
}

let bundled: Promise<ClientAssets> | undefined;

/** The bundle the build step wrote beside the compiled dashboard (dist/dashboard/client/main.js); absent in sources. */
const PREBUILT = join(CLIENT_DIR, 'main.js');

/** The page's script: the build step's bundle when there is one, else bundled from client/*.ts by esbuild (dev). */
async function clientScript(): Promise<string> {
  if (existsSync(PREBUILT)) return readFile(PREBUILT, 'utf8');
  // esbuild is a development dependency: only a run from the sources reaches this import.
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [join(CLIENT_DIR, 'main.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  const js = out.outputFiles[0]?.text;
  if (js === undefined) throw new Error('the dashboard bundle came out empty');
  return js;
}

/** The page (once per process): no CDN, works offline. */
export function clientAssets(): Promise<ClientAssets> {
  bundled ??= (async () => {
    const [js, html, css] = await Promise.all([
      clientScript(),
      readFile(join(CLIENT_DIR, 'index.html'), 'utf8'),
      readFile(join(CLIENT_DIR, 'dashboard.css'), 'utf8'),
    ]);
    return { html, css, js };
  })();
  bundled.catch(() => {
    bundled = undefined;
  });
  return bundled;
}
