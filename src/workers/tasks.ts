/**
 * @module
 * The tasks pool workers can run, by name. A task is a pure function of its (structured-cloneable) input;
 * add the server's expensive operations here (claims checks, ratings uploads, resampled intervals).
 */
import { bootstrapRounds, type RoundsInput } from '../ratings/bradley-terry.ts';
import { rateUpload, type UploadInput, type UploadOutput } from '../ratings/upload.ts';

export const tasks = {
  'ratings.bootstrap': (input: RoundsInput): Float64Array => bootstrapRounds(input),
  'ratings.upload': (input: UploadInput): UploadOutput => rateUpload(input),
} satisfies Record<string, (input: never) => unknown>;

export type TaskName = keyof typeof tasks;

/** The pool's task module, for `new WorkerPool({ tasks: TASKS })`. */
export const TASKS = new URL('./tasks.ts', import.meta.url);
