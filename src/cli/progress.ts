/**
 * @module
 * Progress on long steps: a single rewritten line on a terminal, nothing when output is piped.
 */
export type Progress = (message: string) => void;

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress & { done(): void } {
  const on = stream.isTTY === true && !process.env['CI'];
  const fn = ((message: string) => {
    if (on) stream.write(`\r\x1b[2K${message}`);
  }) as Progress & { done(): void };
  fn.done = () => {
    if (on) stream.write('\r\x1b[2K');
  };
  return fn;
}

/** Runs a long step with terminal progress, clearing the progress line however the step ends. */
export async function withProgress<T>(
  step: (progress: Progress) => T | Promise<T>,
  stream?: NodeJS.WriteStream,
): Promise<T> {
  const progress = terminalProgress(stream);
  try {
    return await step(progress);
  } finally {
    progress.done();
  }
}
