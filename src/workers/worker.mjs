// Entry of every pool worker: registers the TypeScript loader (the parent's may not be inherited: the CLI
// registers tsx at run time, not on the command line), then runs the named task of the pool's task module.
import { register } from 'tsx/esm/api';
import { workerData } from 'piscina';

register();
const tasks = import(workerData.tasks);

export default async function run({ name, input }) {
  const mod = await tasks;
  const fn = mod.tasks?.[name];
  if (typeof fn !== 'function') throw new Error(`no task "${name}" in ${workerData.tasks}`);
  return fn(input);
}
