/**
 * @module
 * The scorecard's pillars and its weights parser: pure (no data access), shared by the `score` operation
 * and the overview page, which keeps the weights in its URL.
 */
export const PILLARS = ['capability', 'adoption', 'cost', 'compute', 'policy'] as const;
export type Pillar = (typeof PILLARS)[number];

export class ScoreError extends Error {}

/** `capability=2,cost=0`: each named pillar's weight, the others 1; at least one above 0. */
export function parseWeights(s: string | undefined): Record<Pillar, number> {
  const w = Object.fromEntries(PILLARS.map((p) => [p, 1])) as Record<Pillar, number>;
  if (!s) return w;
  for (const part of s.split(',')) {
    const m = /^\s*([a-z]+)\s*=\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!m || !PILLARS.includes(m[1] as Pillar))
      throw new ScoreError(`weights must be PILLAR=NUMBER,… with pillars ${PILLARS.join(', ')}; got "${part}"`);
    w[m[1] as Pillar] = Number(m[2]);
  }
  if (PILLARS.every((p) => w[p] === 0)) throw new ScoreError('at least one weight must be above 0');
  return w;
}
