// The local stack's front door (proxy.ts), run on a worker thread of the process that starts the stack.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Front, FrontOptions } from './proxy';

export { serveFront, type Front, type FrontOptions } from './proxy';

/** Starts the front on its own thread; `buildDir` receives its bundle (the thread runs plain JavaScript). */
export async function startFront(opts: FrontOptions, buildDir: string): Promise<Front> {
  const script = join(buildDir, 'front.mjs');
  await build({ entryPoints: [join(dirname(fileURLToPath(import.meta.url)), 'thread.ts')], outfile: script, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' });
  const worker = new Worker(script, { workerData: opts });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { port: number }) => resolve(m.port));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the front's thread exited (${code}) before listening`)));
  });
  return {
    port,
    close: async () => {
      const closed = new Promise<void>((resolve) => worker.once('message', () => resolve()));
      worker.postMessage({ close: true });
      await Promise.race([closed, new Promise((r) => setTimeout(r, 2_000))]);
      await worker.terminate();
    },
  };
}
