#!/usr/bin/env node
// Runs a TypeScript entry point with tsx, offline (see with-env.mjs).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { offlineEnv, root } from './with-env.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run.mjs <file.ts> [args...]');
  process.exit(2);
}
const child = spawn(process.execPath, ['--import', 'tsx', join(root, entry), ...args], { stdio: 'inherit', env: offlineEnv(), cwd: root });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
