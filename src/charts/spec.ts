/**
 * @module
 * One chart description for both renderers: the server turns it into an SVG (no-script fallback and
 * export) and the browser into an interactive ECharts chart, through the same `toOption`. The spec is
 * plain JSON (it travels in the page); text in it is already in the page's language.
 */

/** Rows of a tooltip: label and value, already localised. */
export type Tip = [string, string][];

export interface Point {
  /** A date YYYY-MM-DD on a time axis, else a number. */
  x: string | number;
  y: number;
  /** Interval around y, drawn as a band (lines) or whiskers are not drawn; shown in the tooltip. */
  lo?: number | null;
  hi?: number | null;
  /** A label drawn next to the point (e.g. the model name). */
  label?: string;
  tip: Tip;
  /** Where a click on the point goes (a model page). */
  href?: string;
}

export interface Series {
  name: string;
  kind: 'line' | 'step' | 'scatter' | 'bar';
  color: string;
  points: Point[];
  /** Draw the lo/hi of the points as a band. */
  band?: boolean;
  /** Label the last point only (lines) instead of every labelled point. */
  endLabel?: boolean;
}

export interface Marker {
  date: string;
  /** Draw a dashed line across the plot (rules, investments); frontier releases get only the marker. */
  line?: boolean;
  title: string;
  tip: Tip;
  color: string;
}

export interface ChartSpec {
  id: string;
  title: string;
  x: { type: 'time' | 'log' | 'value' | 'category'; name: string; categories?: string[] };
  y: { type: 'value' | 'log'; name: string; percent?: boolean };
  series: Series[];
  markers?: { name: string; items: Marker[] };
  bandName?: string;
  /** Horizontal reference lines (a threshold), drawn with their label. */
  refY?: { y: number; label: string }[];
  width?: number;
  height?: number;
}

const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
const xv = (spec: ChartSpec, x: string | number) => (spec.x.type === 'time' && typeof x === 'string' ? day(x) : x);

type Obj = Record<string, unknown>;

/** The ECharts option. `interactive` adds zoom, tooltips and hover; the server passes false for the SVG. */
export function toOption(spec: ChartSpec, interactive: boolean, narrow = false): Obj {
  const series: Obj[] = [];
  const legend: string[] = [];
  for (const s of spec.series) {
    legend.push(s.name);
    const data = s.points.map((p) => ({ value: [xv(spec, p.x), p.y], tip: p.tip, label: p.label, href: p.href }));
    const labelled = s.points.some((p) => p.label);
    const base: Obj = {
      name: s.name,
      data,
      itemStyle: { color: s.color },
      lineStyle: { color: s.color, width: 2 },
      emphasis: { focus: 'series' },
    };
    if (s.kind === 'scatter') {
      Object.assign(base, {
        type: 'scatter',
        symbolSize: 8,
        label: labelled
          ? {
              show: true,
              position: 'top',
              fontSize: 10,
              color: '#333',
              formatter: (p: { data: { label?: string } }) => p.data.label ?? '',
            }
          : undefined,
        labelLayout: { hideOverlap: true },
      });
    } else if (s.kind === 'bar') {
      Object.assign(base, { type: 'bar', barMaxWidth: 40 });
    } else {
      Object.assign(base, {
        type: 'line',
        step: s.kind === 'step' ? 'end' : false,
        showSymbol: s.points.length < 40,
        symbolSize: 5,
        endLabel:
          s.endLabel && !narrow
            ? {
                show: true,
                fontSize: 10,
                color: s.color,
                formatter: (p: { data: { label?: string } }) => p.data.label ?? '',
              }
            : undefined,
      });
    }
    series.push(base);
    if (s.band) {
      // Every point, with '-' where there is no interval, so the band breaks instead of bridging the gap.
      const pts = s.points;
      const has = (p: Point) => typeof p.lo === 'number' && typeof p.hi === 'number';
      const stack = `band-${s.name}`;
      const name = spec.bandName ?? `${s.name}`;
      series.push({
        name,
        type: 'line',
        stack,
        data: pts.map((p) => [xv(spec, p.x), has(p) ? p.lo : '-']),
        lineStyle: { opacity: 0 },
        symbol: 'none',
        silent: true,
        tooltip: { show: false },
      });
      series.push({
        name,
        type: 'line',
        stack,
        data: pts.map((p) => [xv(spec, p.x), has(p) ? (p.hi as number) - (p.lo as number) : '-']),
        lineStyle: { opacity: 0 },
        symbol: 'none',
        areaStyle: { color: s.color, opacity: 0.18 },
        silent: true,
        tooltip: { show: false },
      });
      if (!legend.includes(name)) legend.push(name);
    }
  }
  const first = series[0];
  if (spec.refY?.length && first) {
    first['markLine'] = {
      silent: true,
      symbol: 'none',
      lineStyle: { color: '#b00', type: 'dashed' },
      label: {
        formatter: (p: { data: { name?: string } }) => p.data.name ?? '',
        position: 'insideEndTop',
        fontSize: 10,
        color: '#b00',
      },
      data: spec.refY.map((r) => ({ yAxis: r.y, name: r.label })),
    };
  }
  const hasMarkers = Boolean(spec.markers && spec.markers.items.length);
  if (spec.markers && hasMarkers) {
    legend.push(spec.markers.name);
    series.push({
      name: spec.markers.name,
      type: 'scatter',
      yAxisIndex: 1,
      symbol: 'triangle',
      symbolSize: 12,
      itemStyle: { color: '#6b4fa0' },
      data: spec.markers.items.map((m) => ({
        value: [xv(spec, m.date), 0.04],
        tip: m.tip,
        itemStyle: { color: m.color },
      })),
      markLine: {
        silent: true,
        symbol: 'none',
        label: { show: false },
        lineStyle: { color: '#aaa', type: 'dashed', width: 1 },
        data: spec.markers.items.filter((m) => m.line).map((m) => ({ xAxis: xv(spec, m.date) })),
      },
    });
  }
  const timeLabels = {
    formatter: {
      year: '{yyyy}',
      month: '{yyyy}-{MM}',
      day: '{yyyy}-{MM}-{dd}',
      hour: '',
      minute: '',
      second: '',
      millisecond: '',
    },
    hideOverlap: true,
    fontSize: 11,
  };
  const xAxis: Obj =
    spec.x.type === 'category'
      ? {
          type: 'category',
          data: spec.x.categories ?? [],
          name: spec.x.name,
          nameLocation: 'middle',
          nameGap: 28,
          axisLabel: { interval: 0, fontSize: 11 },
        }
      : {
          type: spec.x.type,
          name: spec.x.name,
          nameLocation: 'middle',
          nameGap: 28,
          scale: true,
          axisLabel: spec.x.type === 'time' ? timeLabels : { fontSize: 11 },
        };
  const yAxis: Obj[] = [
    {
      type: spec.y.type,
      name: spec.y.name,
      nameLocation: 'middle',
      nameGap: 44,
      scale: spec.x.type !== 'category',
      axisLabel: { fontSize: 11, formatter: spec.y.percent ? (v: number) => `${Math.round(v * 100)}%` : undefined },
    },
  ];
  if (hasMarkers) yAxis.push({ type: 'value', min: 0, max: 1, show: false });
  return {
    animation: false,
    useUTC: true,
    textStyle: { fontFamily: 'system-ui, "Noto Sans CJK SC", sans-serif' },
    title: {
      text: spec.title,
      left: 8,
      top: 4,
      textStyle: { fontSize: 14, width: (spec.width ?? 760) - 20, overflow: 'break' },
    },
    legend: { data: legend, top: narrow ? 44 : 30, left: 8, type: 'scroll', textStyle: { fontSize: 11 } },
    grid: {
      left: 64,
      right: narrow ? 16 : 90,
      top: narrow ? 80 : 66,
      bottom: interactive && spec.x.type === 'time' ? 78 : 48,
    },
    tooltip: interactive ? { trigger: 'item', confine: true } : undefined,
    dataZoom:
      interactive && spec.x.type === 'time'
        ? [
            { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
            { type: 'slider', xAxisIndex: 0, height: 18, bottom: 8, filterMode: 'none' },
          ]
        : undefined,
    xAxis,
    yAxis,
    series,
  };
}

/** The tooltip's HTML for a data item: its rows, escaped. */
export function tipHtml(tip: Tip | undefined): string {
  if (!tip) return '';
  const e = (s: string) =>
    s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
  return tip.map(([k, v]) => `<div><b>${e(k)}</b> ${e(v)}</div>`).join('');
}
