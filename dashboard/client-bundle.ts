import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const CLIENT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'client');

export interface ClientAssets {
  html: string;
  css: string;
  js: string;
}

let bundled: Promise<ClientAssets> | undefined;

/** The page, bundled from client/*.ts at start (once per process): no build step, no CDN, works offline. */
export function clientAssets(): Promise<ClientAssets> {
  bundled ??= (async () => {
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
    const [html, css] = await Promise.all([
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
