// Bundles each worker with esbuild (the same way wrangler does) for Miniflare.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeConsoleModule } from './console-build';

export const WORKERS = {
  api: 'workers/api/src/index.ts',
  scheduler: 'workers/scheduler/src/index.ts',
  controllers: 'workers/controllers/src/index.ts',
} as const;
export type WorkerName = keyof typeof WORKERS;

export async function buildWorkers(root: string, outDir: string): Promise<Record<WorkerName, string>> {
  mkdirSync(outDir, { recursive: true });
  // The api worker imports the console's assets: generate them first.
  await writeConsoleModule(root);
  const out = {} as Record<WorkerName, string>;
  await Promise.all(
    (Object.keys(WORKERS) as WorkerName[]).map(async (name) => {
      const outfile = join(outDir, `${name}.mjs`);
      await build({
        entryPoints: [join(root, WORKERS[name])],
        outfile,
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        conditions: ['workerd', 'worker', 'browser'],
        external: ['cloudflare:*', 'node:*'],
        sourcemap: 'linked',
        logLevel: 'error',
      });
      out[name] = outfile;
    }),
  );
  return out;
}
