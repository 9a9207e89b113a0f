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

// Real containers: podman (driven through its Docker Engine API), runc (crun fails on this kernel's
// cgroups) and busybox-static (the tests build their images from it; no registry is reachable).
// The service-proxy tests also need nft and ip (in network namespaces they create); the console's
// end-to-end test drives Debian's chromium through playwright-core.
const PACKAGES = { podman: 'podman', runc: 'runc', busybox: 'busybox-static', nft: 'nftables', ip: 'iproute2', chromium: 'chromium' };
const missing = Object.keys(PACKAGES).filter((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status !== 0);
if (missing.length > 0) {
  const pkgs = [...new Set(['podman', 'runc', 'busybox-static', ...missing.map((c) => PACKAGES[c])])];
  console.log(`npm test: installing ${pkgs.join(', ')} from Debian (missing: ${missing.join(', ')})`);
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const apt = (args) => spawnSync(asRoot[0] ?? 'apt-get', [...asRoot.slice(1), ...(asRoot.length ? ['apt-get'] : []), ...args], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const ok = apt(['install', '-y', '-qq', ...pkgs]).status === 0 || (apt(['update', '-qq']).status === 0 && apt(['install', '-y', '-qq', ...pkgs]).status === 0);
  if (!ok) {
    console.error(`npm test: could not install ${pkgs.join(' ')} (apt-get install -y ${pkgs.join(' ')} as root); the container and network tests need them.`);
    process.exit(1);
  }
}

console.log('> tsc --noEmit');
if (run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']) !== 0) process.exit(1);
// The console has DOM and JSX types of its own, apart from the workers'.
console.log('> tsc -p console/tsconfig.json --noEmit');
if (run('npx', ['tsc', '-p', 'console/tsconfig.json', '--noEmit']) !== 0) process.exit(1);
console.log('> vitest run');
process.exit(run('npx', ['vitest', 'run', ...process.argv.slice(2)]));
