// `npm run bench:secrets`: what encrypting Secrets at rest adds to a Secret create. Two API-only stacks
// (persisted D1, as `npm start` runs) take turns: one with the generated AES-GCM key, one with
// SECRET_ENCRYPTION_KEYS=identity (plain), so load on the machine hits both alike. Prints p50/p90.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Stack, startStack } from '../../local/stack';
import { ApiClient } from '../../test/harness';

const N = Number(process.env.BENCH_CREATES ?? '200');
const WARMUP = 20;
const started: { stack: Stack; dir: string; client: ApiClient }[] = [];

async function up(keys: string | undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'kubeflare-bench-secrets-'));
  const stack = await startStack({ stateDir: dir, port: 0, persist: true, components: false, secretEncryptionKeys: keys });
  const client = new ApiClient(stack.url, stack.token, stack.caPem);
  started.push({ stack, dir, client });
  return client;
}

async function cleanup() {
  for (const s of started.splice(0)) {
    s.client.close();
    await s.stack.stop().catch(() => undefined);
    rmSync(s.dir, { recursive: true, force: true });
  }
}

function secret(i: number) {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: `s-${i}` }, type: 'Opaque', stringData: { password: `value-${i}-${'x'.repeat(64)}`, user: 'admin' } };
}

async function create(client: ApiClient, i: number): Promise<number> {
  const t = performance.now();
  const r = await client.post('/api/v1/namespaces/default/secrets', secret(i));
  const ms = performance.now() - t;
  if (r.status !== 201) throw new Error(`create s-${i}: ${r.status} ${r.text}`);
  return ms;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

try {
  const encrypted = await up(undefined);
  const plain = await up('identity');
  for (let i = 0; i < WARMUP; i++) {
    await create(encrypted, -1 - i);
    await create(plain, -1 - i);
  }
  const enc: number[] = [];
  const id: number[] = [];
  for (let i = 0; i < N; i++) {
    // Alternate which goes first, so neither always runs right after the other.
    if (i % 2) {
      enc.push(await create(encrypted, i));
      id.push(await create(plain, i));
    } else {
      id.push(await create(plain, i));
      enc.push(await create(encrypted, i));
    }
  }
  const row = (name: string, xs: number[]) => `${name.padEnd(22)} p50 ${pct(xs, 50).toFixed(2).padStart(7)} ms   p90 ${pct(xs, 90).toFixed(2).padStart(7)} ms`;
  console.log(`Secret create, ${N} sequential each (after ${WARMUP} warm-up), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(row('identity (plain)', id));
  console.log(row('aesgcm (encrypted)', enc));
  console.log(`added p50: ${(pct(enc, 50) - pct(id, 50)).toFixed(2)} ms`);
} finally {
  await cleanup();
}
