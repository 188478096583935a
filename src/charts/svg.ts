/**
 * @module
 * Renders a Vega-Lite spec to SVG without a browser (Vega's headless view). Every chart of the CLI and the
 * API goes through here. Vega is loaded on the first chart, not at start: it is a second of start-up time
 * that most commands and requests never need.
 */
import type { TopLevelSpec } from 'vega-lite';

let libs: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;

export async function toSvg(spec: TopLevelSpec): Promise<string> {
  libs ??= Promise.all([import('vega'), import('vega-lite')]);
  const [vega, vegaLite] = await libs;
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
