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
