/**
 * @module
 * The timeline: dated, sourced events (investments also in USD at a stated rate).
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { operation } from '../ops/operation.ts';
import { code, date, text } from '../ops/params.ts';
import { formatTable } from '../ops/table.ts';
import { loadFx, timeline as runTimeline } from './index.ts';
import { timelineFacts } from './facts.ts';
import { grouped } from '../util/numbers.ts';

const input = z
  .object({
    kind: z
      .string()
      .regex(/^[a-z_]+(,[a-z_]+)*$/, 'must be kinds such as investment,export_control')
      .max(200)
      .optional()
      .describe('comma-separated kinds (investment, governance, export_control, model_release, …)'),
    actor: text(100).optional().describe('events naming this actor'),
    country: code().optional().describe('events of this country'),
    from: date().optional().describe('first date'),
    to: date().optional().describe('last date'),
  })
  .strict();

const output = z.object({
  events: z.array(
    z.object({
      date: z.string(),
      kind: z.string(),
      title: z.string(),
      actors: z.array(z.string()),
      country: z.string().nullable(),
      amount: z.number().nullable(),
      currency: z.string().nullable(),
      amount_usd: z.number().nullable(),
      fx: z.string().nullable(),
      confidence: z.string(),
      note: z.string().nullable().describe('what the source flags about the event (a month-only date …)'),
      sources: z.array(z.string()),
    }),
  ),
  fx_source: z.object({ title: z.string(), url: z.string(), confidence: z.string() }),
  kinds: z.array(z.string()),
});

const spec = {
  input,
  output,
  http: { method: 'GET' } as const,
  examples: [{}, { kind: 'investment', from: '2025-01-01' }, { country: 'CN' }] as Record<string, string>[],
  run: async (deps: Parameters<typeof runTimelineOp>[0], i: z.output<typeof input>) => runTimelineOp(deps, i),
  rows: (r: z.output<typeof output>) => r.events,
  text: (r: z.output<typeof output>) =>
    formatTable(
      r.events.map((e) => ({
        date: e.date,
        kind: e.kind,
        country: e.country ?? '',
        title: e.title,
        amount: e.amount === null ? '' : `${grouped(e.amount)} ${e.currency}`,
        usd: e.amount_usd === null ? '' : grouped(e.amount_usd, 0),
      })),
      70,
    ) + `${r.events.length} events; USD at ${r.fx_source.title} (${r.fx_source.confidence})\n`,
};

async function runTimelineOp(
  deps: { db: () => Promise<import('../store/db.ts').Db>; paths: { curated: string } },
  i: z.output<typeof input>,
) {
  const fx = loadFx(resolve(deps.paths.curated, 'fx.json'));
  return runTimeline(
    await deps.db(),
    { kinds: i.kind?.split(','), actor: i.actor, country: i.country, from: i.from, to: i.to },
    fx,
  );
}

export const timeline = operation({ name: 'timeline', summary: 'dated, sourced events', ...spec });

/** The same answer under the name people look for. */
export const events = operation({
  name: 'events',
  facts: timelineFacts,
  summary: 'the timeline of events (as timeline)',
  ...spec,
  apiOnly: true,
});

export const timelineOps = [timeline, events];
