// `npm run bench:kubectl`: wall time of the real `kubectl apply -f` with a 20-object manifest against
// the local stack: 10 runs creating fresh objects, 10 runs changing all of them, 10 unchanged.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { startStack } from '../../local/stack';

const run = promisify(execFile);
const RUNS = 10;

function manifest(prefix: string, version: number): string {
  const objects: object[] = [];
  for (let i = 0; i < 5; i++) {
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${prefix}-cm-${i}` }, data: { v: String(version) } });
    objects.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: `${prefix}-s-${i}` }, stringData: { v: String(version) } });
    objects.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: `${prefix}-svc-${i}` }, spec: { selector: { app: `${prefix}-${i}` }, ports: [{ port: 80, targetPort: 8080 + version }] } });
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `${prefix}-d-${i}` },
      spec: {
        replicas: 1 + (version % 3),
        selector: { matchLabels: { app: `${prefix}-${i}` } },
        template: { metadata: { labels: { app: `${prefix}-${i}` } }, spec: { containers: [{ name: 'web', image: `nginx:1.${20 + version}` }] } },
      },
    });
  }
  return objects.map((o) => stringify(o)).join('---\n');
}

const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

const dir = mkdtempSync(join(tmpdir(), 'kubeflare-bench-kubectl-'));
const stack = await startStack({ stateDir: dir, port: 0, persist: false });
try {
  const kubectl = async (file: string) => {
    const t = performance.now();
    await run('kubectl', ['--kubeconfig', stack.kubeconfig, '--cache-dir', join(dir, 'cache'), 'apply', '-f', file], { env: { ...process.env, KUBECONFIG: '' } });
    return performance.now() - t;
  };
  await kubectl(((f) => (writeFileSync(f, manifest('warm', 0)), f))(join(dir, 'warm.yaml')));
  const results: Record<string, number[]> = { created: [], configured: [], unchanged: [] };
  for (let r = 0; r < RUNS; r++) {
    const f = join(dir, `m${r}.yaml`);
    writeFileSync(f, manifest(`r${r}`, 1));
    results.created.push(await kubectl(f));
    writeFileSync(f, manifest(`r${r}`, 2));
    results.configured.push(await kubectl(f));
    results.unchanged.push(await kubectl(f));
  }
  console.log('kubectl apply -f (20 objects: 5 ConfigMaps, 5 Secrets, 5 Services, 5 Deployments), wall time in ms');
  console.log('| run        | p50  | min  | max  |\n|:-----------|-----:|-----:|-----:|');
  for (const [k, xs] of Object.entries(results)) console.log(`| ${k.padEnd(10)} | ${p(xs, 0.5).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |`);
} finally {
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}
