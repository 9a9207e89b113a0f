#!/usr/bin/env node
// `npm test`: checks what the tests need, type-checks, then runs every vitest project.
import { spawnSync } from 'node:child_process';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function need(cmd, hint) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`npm test: '${cmd}' is not installed. ${hint}`);
    process.exit(1);
  }
}

need('kubectl', 'The end-to-end tests drive the real kubectl: install the Debian package (apt-get install -y kubectl).');

console.log('> tsc --noEmit');
if (run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']) !== 0) process.exit(1);
console.log('> vitest run');
process.exit(run('npx', ['vitest', 'run', ...process.argv.slice(2)]));
