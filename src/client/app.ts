/**
 * @module
 * The dashboard's browser code (bundled by esbuild, served as /assets/app.js): turns each server-rendered
 * chart into an interactive ECharts chart (tooltips, zoom on time, legend toggles, click to a model page)
 * from the spec embedded in the page, and makes tables sortable and searchable. Without it the pages keep
 * their SVG charts and plain tables.
 */
import { LineChart, ScatterChart, BarChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';
import { tipHtml, toOption, type ChartSpec, type Tip } from '../charts/spec.ts';

// The project's type check runs without the DOM library (it would change Node's fetch and Headers types),
// so the few browser APIs used here are typed locally.
interface El {
  className: string;
  textContent: string | null;
  hidden: boolean;
  clientWidth: number;
  style: { height: string };
  dataset: Record<string, string | undefined>;
  value: string;
  type: string;
  placeholder: string;
  querySelector(sel: string): El | null;
  querySelectorAll(sel: string): ArrayLike<El>;
  replaceChildren(...nodes: El[]): void;
  prepend(...nodes: El[]): void;
  append(...nodes: El[]): void;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  addEventListener(type: string, fn: () => void): void;
  classList: { add(c: string): void };
  tBodies: ArrayLike<El>;
  rows: ArrayLike<El>;
  cells: ArrayLike<El>;
}
interface Browser {
  document: El & { readyState: string; documentElement: El; createElement(tag: string): El };
  location: { href: string };
  ResizeObserver: new (fn: () => void) => { observe(el: El): void };
}
const { document, location, ResizeObserver } = globalThis as unknown as Browser;
type HTMLElement = El;

echarts.use([
  LineChart,
  ScatterChart,
  BarChart,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  LabelLayout,
  CanvasRenderer,
]);

function mountChart(fig: HTMLElement): void {
  const json = fig.querySelector('script[type="application/json"]');
  const host = fig.querySelector('.plot');
  if (!json || !host) return;
  const spec = JSON.parse(json.textContent ?? '{}') as ChartSpec;
  const narrow = host.clientWidth < 560;
  const el = document.createElement('div');
  el.className = 'live';
  el.style.height = `${narrow ? 340 : (spec.height ?? 380)}px`;
  host.replaceChildren(el);
  const chart = echarts.init(el as unknown as Parameters<typeof echarts.init>[0], null, { renderer: 'canvas' });
  const option = toOption(spec, true, narrow) as Record<string, unknown>;
  option['tooltip'] = {
    trigger: 'item',
    confine: true,
    formatter: (p: { data?: { tip?: Tip } }) => tipHtml(p.data?.tip),
  };
  (option['title'] as { textStyle: { width: number } }).textStyle.width = el.clientWidth - 20;
  chart.setOption(option);
  chart.on('click', (p) => {
    const href = (p.data as { href?: string } | undefined)?.href;
    if (href) location.href = href;
  });
  new ResizeObserver(() => chart.resize()).observe(el);
}

function cellValue(td: HTMLElement | undefined): string | number {
  if (!td) return '';
  const s = td.dataset['sort'] ?? td.textContent ?? '';
  const n = Number(s.replace(/[,%$]/g, ''));
  return s.trim() !== '' && Number.isFinite(n) ? n : s.trim().toLowerCase();
}

function enhanceTable(wrap: HTMLElement): void {
  const table = wrap.querySelector('table');
  const body = table?.tBodies[0];
  if (!table || !body) return;
  const heads = Array.from(table.querySelectorAll('thead th'));
  heads.forEach((th, col) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.textContent = th.textContent;
    th.replaceChildren(button);
    button.addEventListener('click', () => {
      const dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      heads.forEach((h) => h.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      const rows = Array.from(body.rows);
      rows.sort((a, b) => {
        const x = cellValue(a.cells[col]);
        const y = cellValue(b.cells[col]);
        return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir;
      });
      body.append(...rows);
    });
  });
  if (body.rows.length > 8) {
    const input = document.createElement('input');
    input.type = 'search';
    input.className = 'filter';
    input.placeholder = wrap.dataset['search'] ?? 'Search';
    input.setAttribute('aria-label', wrap.dataset['search'] ?? 'Search');
    input.addEventListener('input', () => {
      const q = input.value.trim().toLowerCase();
      for (const r of Array.from(body.rows)) r.hidden = q !== '' && !(r.textContent ?? '').toLowerCase().includes(q);
    });
    wrap.prepend(input);
  }
}

function start(): void {
  document.documentElement.classList.add('js');
  for (const fig of Array.from(document.querySelectorAll('figure.chart'))) mountChart(fig);
  for (const wrap of Array.from(document.querySelectorAll('.tbl'))) enhanceTable(wrap);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
