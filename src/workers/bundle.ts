/**
 * @module
 * The worker entry as one plain-JavaScript file. Loading TypeScript through tsx in each worker costs a
 * loader thread and most of a second per worker; an esbuild bundle of the task module (packages left as
 * imports, resolved to absolute paths so the file can live in the temp folder) starts in a few milliseconds.
 * The bundle is rebuilt only when one of its source files changed.
 */
import { build, type Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ENTRY = (tasks: string) => `import { tasks } from ${JSON.stringify(tasks)};
export default async function run({ name, input }) {
  const fn = tasks[name];
  if (typeof fn !== 'function') throw new Error('no task "' + name + '" in ' + ${JSON.stringify(tasks)});
  return fn(input);
}
`;

/** Leaves packages (node_modules) as imports, by absolute URL: native modules cannot be bundled. */
function externalPackages(root: string): Plugin {
  const require = createRequire(join(root, 'package.json'));
  return {
    name: 'external-packages',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:')) return { path: args.path, external: true };
        try {
          return { path: pathToFileURL(require.resolve(args.path)).href, external: true };
        } catch {
          return { path: args.path, external: true };
        }
      });
    },
  };
}

interface Manifest {
  inputs: Record<string, number>;
}

function fresh(manifest: string): boolean {
  try {
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as Manifest;
    return Object.entries(m.inputs).every(([f, mtime]) => statSync(f).mtimeMs === mtime);
  } catch {
    return false;
  }
}

/** Path of a bundled worker entry running the tasks of `tasks` (a file URL of a TypeScript module). */
export async function workerBundle(tasks: string): Promise<string> {
  const source = fileURLToPath(tasks);
  const root = dirname(source);
  let user = 'user';
  try {
    user = userInfo().username;
  } catch {
    // No user name (containers): one folder for all.
  }
  const dir = join(tmpdir(), `airace-workers-${user}`);
  const id = createHash('sha1').update(source).digest('hex').slice(0, 16);
  const out = join(dir, `${id}.mjs`);
  const manifest = join(dir, `${id}.json`);
  if (fresh(manifest)) return out;
  const r = await build({
    stdin: { contents: ENTRY(source), resolveDir: root, sourcefile: 'worker-entry.mjs', loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    metafile: true,
    sourcemap: 'inline',
    plugins: [externalPackages(root)],
    logLevel: 'silent',
  });
  mkdirSync(dir, { recursive: true });
  const inputs: Record<string, number> = {};
  for (const f of Object.keys(r.metafile?.inputs ?? {})) {
    const abs = join(process.cwd(), f);
    try {
      inputs[abs] = statSync(abs).mtimeMs;
    } catch {
      // The generated entry (stdin) has no file.
    }
  }
  // Written beside and renamed: a concurrent start never loads half a file.
  const tmp = `${out}.tmp-${process.pid}`;
  writeFileSync(tmp, r.outputFiles?.[0]?.text ?? '');
  renameSync(tmp, out);
  writeFileSync(`${manifest}.tmp-${process.pid}`, JSON.stringify({ inputs }));
  renameSync(`${manifest}.tmp-${process.pid}`, manifest);
  return out;
}
