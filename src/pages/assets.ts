/**
 * @module
 * Static assets of the dashboard: the browser bundle (src/client/app.ts, built with esbuild's API on first
 * request and kept in memory; nothing generated is committed) and the favicon.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

let bundle: Promise<string> | undefined;

/** The minified browser bundle: ECharts tree-shaken to the charts and components the pages use. */
export function clientBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [fileURLToPath(new URL('../client/app.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  })
    .then((r) => r.outputFiles[0]?.text ?? '')
    .catch((err: unknown) => {
      bundle = undefined;
      throw err;
    });
  return bundle;
}

/** A small SVG favicon: two bars, US blue and CN red. */
export const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#10243e"/>' +
  '<rect x="3" y="4" width="4" height="9" fill="#5b9bef"/><rect x="9" y="7" width="4" height="6" fill="#ef6b61"/></svg>';
