#!/usr/bin/env node
// Runs a command with wrangler/miniflare kept offline and their files inside the project.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function offlineEnv() {
  const tmp = join(root, '.local', 'tmp');
  mkdirSync(tmp, { recursive: true });
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_HIDE_BANNER: 'true',
    WRANGLER_SEND_ERROR_REPORTS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    XDG_CONFIG_HOME: join(root, '.local', 'xdg'),
    TMPDIR: process.env.TMPDIR ?? tmp,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [cmd, ...args] = process.argv.slice(2);
  if (!cmd) {
    console.error('usage: node scripts/with-env.mjs <command> [args...]');
    process.exit(2);
  }
  const child = spawn(cmd, args, { stdio: 'inherit', env: offlineEnv(), cwd: root });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
