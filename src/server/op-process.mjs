// Entry of an operation worker process: registers the TypeScript loader, then serves the `op` task.
// A process, not a thread: killing it mid-query (time budget exceeded) cannot take the server down.
import { register } from 'tsx/esm/api';
import workerpool from 'workerpool';

register();
const { runOperation } = await import('./op-tasks.ts');
workerpool.worker({ op: runOperation });
