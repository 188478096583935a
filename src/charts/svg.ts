/**
 * @module
 * Renders a Vega-Lite spec to SVG without a browser (Vega's headless view). Every chart of the CLI and the
 * API goes through here; the dashboard renders the same specs in the page.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
