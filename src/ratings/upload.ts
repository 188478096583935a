/**
 * @module
 * Ratings for uploaded battles (the body of POST /api/v1/ratings), as one pure function so the server can run
 * it in a worker (task `ratings.upload`) that a timeout terminates. Bad input comes back as a value naming
 * the field, not as a thrown error, since errors lose their class crossing a thread.
 */
import { BattleInputError, parseCsv, parseJsonl } from './battles.ts';
import { aggregate, rateCounts, type RatingResult } from './bradley-terry.ts';

export interface UploadInput {
  text: string;
  format: 'csv' | 'jsonl';
  skip_invalid?: boolean;
  bootstrap: number;
  seed: number;
  anchor?: { model: string; score: number };
}

export type UploadOutput =
  | { ok: true; result: RatingResult & { skipped: number } }
  | { ok: false; field: 'body' | 'anchor'; message: string };

export function rateUpload(input: UploadInput): UploadOutput {
  let battles;
  try {
    battles =
      input.format === 'jsonl'
        ? parseJsonl(input.text, 'body', input.skip_invalid)
        : parseCsv(input.text, 'body', input.skip_invalid);
  } catch (err) {
    if (err instanceof BattleInputError) return { ok: false, field: 'body', message: err.message };
    throw err;
  }
  if (battles.length === 0) return { ok: false, field: 'body', message: 'no valid battles in the body' };
  try {
    const result = rateCounts(aggregate(battles), battles.length, {
      bootstrap: input.bootstrap,
      seed: input.seed,
      anchor: input.anchor,
    });
    return { ok: true, result: { ...result, skipped: battles.skipped } };
  } catch (err) {
    // The only input the fit itself can reject is an anchor naming a model absent from the battles.
    if (/anchor model/.test((err as Error).message))
      return { ok: false, field: 'anchor', message: (err as Error).message };
    throw err;
  }
}
