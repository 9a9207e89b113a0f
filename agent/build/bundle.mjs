#!/usr/bin/env node
// Bundles the agent into one ES module (agent/dist/kubeflare-agent.mjs) with esbuild.
// Why: loading the TypeScript sources through tsx costs ~70 MiB of resident memory and a slower start;
// the bundle runs on plain Node. The bin (agent/bin/kubeflare-agent.mjs) uses the bundle when it is
// newer than every source it was built from, and falls back to tsx otherwise.
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AGENT, BUNDLE, INPUTS, ROOT, bundleIsFresh } from './fresh.mjs';

export { BUNDLE, bundleIsFresh };

/** Builds the bundle (about half a second) unless it is fresh. */
export async function ensureAgentBundle({ force = false } = {}) {
  if (!force && bundleIsFresh()) return BUNDLE;
  mkdirSync(dirname(BUNDLE), { recursive: true });
  const result = await build({
    entryPoints: [join(AGENT, 'src/cli/entry.ts')],
    // Written aside and renamed into place: an agent starting meanwhile never loads half a file.
    outfile: `${BUNDLE}.${process.pid}.tmp`,
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    logLevel: 'error',
    alias: {
      ssh2: join(AGENT, 'build/no-ssh2.cjs'),
      '@grpc/grpc-js': join(AGENT, 'build/no-grpc.cjs'),
      '@grpc/proto-loader': join(AGENT, 'build/no-grpc.cjs'),
    },
    // Whitespace only: smaller source kept in memory, readable names in stack traces.
    minifyWhitespace: true,
    // Optional native speed-ups some dependencies try to load; they fall back to JavaScript.
    external: ['cpu-features', 'bufferutil', 'utf-8-validate'],
    // CommonJS dependencies call require(); give the ES module one.
    banner: { js: "import { createRequire as __kfCreateRequire } from 'node:module'; const require = __kfCreateRequire(import.meta.url);" },
  });
  renameSync(`${BUNDLE}.${process.pid}.tmp`, BUNDLE);
  writeFileSync(`${INPUTS}.${process.pid}.tmp`, JSON.stringify(Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/'))));
  renameSync(`${INPUTS}.${process.pid}.tmp`, INPUTS);
  return BUNDLE;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--help')) {
    console.log('usage: node agent/build/bundle.mjs [--force]\n  Bundles the agent into agent/dist/kubeflare-agent.mjs (used by the kubeflare-agent bin when fresh).');
  } else {
    const out = await ensureAgentBundle({ force: process.argv.includes('--force') });
    console.log(`agent bundle: ${out}`);
  }
}
