// `npm run bench:netpol`: NetworkPolicy rules at scale, applied into a network namespace this run
// creates and deletes (nothing touches the host's network).
//   BENCH_PODS pods (default 5,000, 1,000 on this node) in BENCH_NAMESPACES namespaces, BENCH_POLICIES
//   policies (default 1,000: per namespace a default deny plus allow rules by podSelector,
//   namespaceSelector, ipBlock with except and named ports). Measured: the full render + apply, then
//   BENCH_CHANGES single-pod changes (a local pod relabelled so it leaves and joins policies; a remote
//   peer pod started) as incremental deltas: model rebuild + delta (agent CPU) and the nft apply.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { applyRules } from '../../agent/src/proxy';
import { renderDelta } from '../../agent/src/netpol/delta';
import { namespace, pod, policy } from '../../agent/src/netpol/fixtures.testing';
import { buildModel } from '../../agent/src/netpol/model';
import { printFull } from '../../agent/src/netpol/render';
import type { NetpolInput, NetworkPolicy, Pod } from '../../agent/src/netpol/types';

const PODS = Number(process.env.BENCH_PODS ?? 5000);
const NAMESPACES = Number(process.env.BENCH_NAMESPACES ?? 100);
const POLICIES = Number(process.env.BENCH_POLICIES ?? 1000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 20);
const NS = `kf-bench-np-${randomBytes(3).toString('hex')}`;
const log = (m: string) => process.stderr.write(`[bench ${(performance.now() / 1000).toFixed(1)}s] ${m}\n`);
const sh = (argv: string[]) =>
  new Promise<void>((resolve, reject) => {
    const c = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    c.stderr.on('data', (d) => (err += d));
    c.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${argv.join(' ')}: ${err}`))));
  });
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const ms = (n: number) => `${n.toFixed(1)} ms`;

// Pod i: namespace i % NAMESPACES, app a<i % 10>, on this node for one in five.
const podAt = (i: number, app = `a${i % 10}`): Pod =>
  pod(`ns${i % NAMESPACES}`, `p${i}`, `10.${64 + Math.floor(i / 65536)}.${Math.floor(i / 256) % 256}.${i % 256}`, { app, tier: i % 3 ? 'back' : 'front' }, { node: i % 5 === 0 ? 'bench' : 'other', ports: [{ name: 'http', port: 8000 + (i % 7) }] });

function input(pods: Pod[]): NetpolInput {
  const policies: NetworkPolicy[] = [];
  for (let k = 0; k < POLICIES; k++) {
    const ns = `ns${k % NAMESPACES}`;
    const kind = Math.floor(k / NAMESPACES) % 4;
    if (kind === 0) policies.push(policy(ns, `deny-${k}`, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }));
    else if (kind === 1) policies.push(policy(ns, `web-${k}`, { podSelector: { matchLabels: { app: `a${k % 10}` } }, ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'front' } } }], ports: [{ port: 'http' }] }] }));
    else if (kind === 2) policies.push(policy(ns, `ns-${k}`, { podSelector: { matchLabels: { tier: 'back' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { group: `g${k % 5}` } }, podSelector: { matchLabels: { tier: 'front' } } }], ports: [{ port: 8000, endPort: 8010 }] }] }));
    else policies.push(policy(ns, `out-${k}`, { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.64.0.0/12', except: [`10.64.${k % 256}.0/24`] } }], ports: [{ protocol: 'UDP', port: 53 }, { port: 443 }] }] }));
  }
  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => namespace(`ns${i}`, { group: `g${i % 5}` }));
  return { nodeName: 'bench', pods, namespaces, policies };
}

await sh(['ip', 'netns', 'add', NS]);
try {
  let pods = Array.from({ length: PODS }, (_, i) => podAt(i));
  let t = performance.now();
  let model = buildModel(input(pods));
  const script = printFull(model);
  const renderMs = performance.now() - t;
  t = performance.now();
  await applyRules(script, { netns: NS });
  const applyMs = performance.now() - t;
  log(`full: ${model.sets.size} sets, ${model.chains.size} chains, ${(script.length / 1e6).toFixed(1)} MB`);
  const builds: number[] = [];
  const applies: number[] = [];
  for (let k = 1; k <= CHANGES; k++) {
    // Alternately: a local pod relabelled (leaves its app's policies, joins another's), a remote pod added.
    pods = k % 2 ? pods.map((p, i) => (i === 5 * k ? podAt(i, `a${(i + k) % 10}`) : p)) : [...pods, podAt(PODS + k)];
    t = performance.now();
    const next = buildModel(input(pods));
    const delta = renderDelta(model, next);
    if (delta === null) throw new Error('expected an incremental delta');
    builds.push(performance.now() - t);
    t = performance.now();
    if (delta) await applyRules(delta, { netns: NS });
    applies.push(performance.now() - t);
    if (k <= 2) log(`change ${k}: ${delta.split('\n').length - 1} nft lines`);
    model = next;
  }
  console.log(`NetworkPolicy rules: ${PODS} pods (${PODS / 5} on this node), ${NAMESPACES} namespaces, ${POLICIES} policies`);
  console.log(`  INFO  full render + apply (${model.sets.size} sets, ${model.chains.size} chains): ${ms(renderMs)} + ${ms(applyMs)}`);
  console.log(`  INFO  one pod change: nft apply of the delta, p50/p99 (${CHANGES} changes): ${ms(pct(applies, 50))} / ${ms(pct(applies, 99))}`);
  console.log(`  INFO  one pod change: rebuilding the model + delta in the agent (CPU), p50/p99: ${ms(pct(builds, 50))} / ${ms(pct(builds, 99))}`);
} finally {
  await sh(['ip', 'netns', 'del', NS]).catch(() => undefined);
}
