/**
 * @module
 * Whether a process is still running, for deciding whether its temporary files are leftovers.
 */

/** True when `pid` is this process or another live one (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
