/**
 * @module
 * Numbers for people, grouped the English way (12,345.6). `toLocaleString` builds a new formatter on every
 * call, which made number formatting a third of the classifier's time; one formatter per precision is kept.
 */
const formatters = new Map<number, Intl.NumberFormat>();

/** `x.toLocaleString('en-US', { maximumFractionDigits: digits })`, with the formatter reused. */
export function grouped(x: number, digits = 3): string {
  let f = formatters.get(digits);
  if (!f) formatters.set(digits, (f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits })));
  return f.format(x);
}
