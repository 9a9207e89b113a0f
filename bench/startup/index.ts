// `npm run bench:startup`: pod start-up through the whole system on this machine, next to the container
// runtime's own floor, and what the agent costs.
//   1. 50 pods created one by one (POST, the scheduler places them on our one real node); the time from
//      the create request to Running+Ready seen on a watch: p50/p99.
//   2. The floor on the same podman service and image: bare `podman run -d`, and Docker-API create+start
//      (what the agent itself calls); the overhead is ours minus the lower floor.
//   3. The agent process's RSS and CPU with 0 and with 30 pods (/proc/<pid>/status and /proc/<pid>/stat).
//   4. `agent simulate --nodes 1000` against the same stack: its CPU and the API write rate.
// Sizes: BENCH_PODS (50), BENCH_FLOOR_RUNS (20), BENCH_SIM_NODES (1000), BENCH_SAMPLE_SECONDS (20).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LABELS } from '../../agent/src/runtime/types';
import { ROOT } from '../../local/stack';
import { BUSYBOX_IMAGE, busybox, pod, startAgentCluster, type AgentCluster } from '../../test/support/agent-cluster';
import { breakdown, type PodRun } from './breakdown';
import { cpuParts } from './cpu';
import { CLK_TCK, ms, quantile } from './stats';

const PODS = Number(process.env.BENCH_PODS ?? 50);
const FLOOR_RUNS = Number(process.env.BENCH_FLOOR_RUNS ?? 20);
const SIM_NODES = Number(process.env.BENCH_SIM_NODES ?? 1000);
const SAMPLE_S = Number(process.env.BENCH_SAMPLE_SECONDS ?? 20);
const WITH_PODS = 30;

const TARGETS = { p99ReadyMs: 1500, medianOverheadMs: 300, rssMiB: 60, idleCpuPct: 1 };

const log = (m: string) => process.stderr.write(`[bench ${(performance.now() / 1000).toFixed(1)}s] ${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

interface ProcSample {
  cpuS: number;
  rssMiB: number;
  /** The process's own pages (heap, stacks) and the file pages it maps (mostly the Node binary, shared by every Node process). */
  anonMiB: number;
  fileMiB: number;
}

/** utime+stime (seconds) and VmRSS with its anonymous and file-backed parts (MiB) of a process. */
function procSample(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuS = (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime (fields 14, 15)
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kB = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
  return { cpuS, rssMiB: kB('VmRSS'), anonMiB: kB('RssAnon'), fileMiB: kB('RssFile') };
}

/** Mean CPU (% of one core) over `seconds`, and the RSS at the end. */
async function measureProcess(pid: number, seconds: number): Promise<{ cpuPct: number } & ProcSample> {
  const a = procSample(pid);
  const t = performance.now();
  await sleep(seconds * 1000);
  const b = procSample(pid);
  return { ...b, cpuPct: ((b.cpuS - a.cpuS) / ((performance.now() - t) / 1000)) * 100 };
}

/** What an idle Node process costs on this machine, for scale. */
async function measureBareNode(): Promise<ProcSample> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  try {
    await sleep(2000);
    return procSample(child.pid ?? 0);
  } finally {
    child.kill('SIGTERM');
  }
}

const NS = '/api/v1/namespaces/default/pods';
const benchPod = (name: string) => pod(name, { terminationGracePeriodSeconds: 2, containers: [busybox('main', 'exec sleep 3600')] }, { labels: { bench: 'startup' } });

/** Create → bound to the node, and create → Running+Ready, observed on a watch opened before the create. */
async function startOnePod(c: AgentCluster, name: string): Promise<{ total: number; bound: number; createdAt: number; readyAt: number }> {
  const list = await c.stack.client.get(`${NS}?labelSelector=bench%3Dstartup&limit=1`);
  const watch = c.stack.client.watch(`${NS}?watch=1&fieldSelector=${encodeURIComponent(`metadata.name=${name}`)}&resourceVersion=${list.json.metadata.resourceVersion}`);
  await watch.opened;
  try {
    const t0 = performance.now();
    const createdAt = Date.now();
    const r = await c.stack.client.post(NS, benchPod(name));
    if (r.status !== 201) throw new Error(`create ${name}: ${r.status} ${r.text}`);
    let bound = NaN;
    await watch.until((events) => {
      if (Number.isNaN(bound) && events.some((e) => e.object?.spec?.nodeName)) bound = performance.now() - t0;
      return events.some((e) => e.object?.status?.phase === 'Running' && e.object.status.conditions?.some((x: { type: string; status: string }) => x.type === 'Ready' && x.status === 'True'));
    }, 60_000);
    return { total: performance.now() - t0, bound, createdAt, readyAt: Date.now() };
  } finally {
    watch.stop();
  }
}

async function deletePods(c: AgentCluster, names: string[]) {
  for (const n of names) await c.stack.client.delete(`${NS}/${n}`);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const left = (await c.stack.client.get(`${NS}?labelSelector=bench%3Dstartup`)).json.items.filter((p: { metadata: { name: string } }) => names.includes(p.metadata.name));
    if (!left.length) return;
    await sleep(250);
  }
  throw new Error('pods were not deleted in time');
}

/** The runtime's floor: `podman run -d` (the CLI on the same storage and config), and create+start through the Docker API. */
async function measureFloor(c: AgentCluster): Promise<{ podmanRun: number[]; apiCreateStart: number[] }> {
  const label = `${LABELS.nodeName}=${c.nodeName}`;
  const env = { ...process.env, CONTAINERS_CONF: join(c.dir, 'podman', 'containers.conf') };
  const podmanRun: number[] = [];
  const apiCreateStart: number[] = [];
  const created: string[] = [];
  for (let i = 0; i < FLOOR_RUNS + 1; i++) {
    const t0 = performance.now();
    const r = spawnSync('podman', ['run', '-d', '--label', label, BUSYBOX_IMAGE, 'sleep', '3600'], { env, encoding: 'utf8' });
    const took = performance.now() - t0;
    if (r.status !== 0) throw new Error(`podman run failed: ${r.stderr}`);
    created.push(r.stdout.trim());
    if (i > 0) podmanRun.push(took); // the first run warms the CLI's caches
  }
  for (let i = 0; i < FLOOR_RUNS + 1; i++) {
    const t0 = performance.now();
    const ct = await c.runtime.docker.createContainer({ Image: BUSYBOX_IMAGE, Cmd: ['sleep', '3600'], Labels: { [LABELS.nodeName]: c.nodeName } });
    await ct.start();
    const took = performance.now() - t0;
    created.push(ct.id);
    if (i > 0) apiCreateStart.push(took);
  }
  for (const id of created) await c.runtime.docker.getContainer(id).remove({ force: true }).catch(() => undefined);
  return { podmanRun, apiCreateStart };
}

/** `kubeflare-agent simulate --nodes N` (the simulator it runs) against the stack: its CPU and the write rate. */
async function measureSimulate(c: AgentCluster): Promise<{ registerS: number; cpuPct: number; rssMiB: number; leaseWritesPerS: number; apiRevisionsPerS: number } | { error: string }> {
  const caFile = join(c.dir, 'sim-ca.crt');
  writeFileSync(caFile, c.stack.caPem);
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const args = ['--import', tsx, join(ROOT, 'agent/src/sim/cli.ts'), '--server', c.stack.url, '--token', c.stack.token, '--ca', caFile, '--nodes', String(SIM_NODES), '--stats', '5', '--name-prefix', 'bench-sim'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const lines: { msg: string; [k: string]: unknown }[] = [];
  let partial = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    partial += d;
    let i: number;
    while ((i = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, i);
      partial = partial.slice(i + 1);
      try {
        lines.push(JSON.parse(line));
      } catch {
        /* not a log line */
      }
    }
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    const t0 = performance.now();
    while (!lines.some((l) => l.msg === 'running')) {
      if (child.exitCode !== null) return { error: `simulator exited (${child.exitCode})` };
      if (performance.now() - t0 > 240_000) return { error: 'the simulated nodes did not register within 240 s' };
      await sleep(200);
    }
    const registerS = (performance.now() - t0) / 1000;
    await sleep(5_000); // past the registration burst: steady state is lease renewals
    const revision = async () => Number((await c.stack.client.get('/api/v1/namespaces?limit=1')).json.metadata.resourceVersion);
    const leases = () => [...lines].reverse().find((l) => l.msg === 'counters')?.leasesRenewed as number | undefined;
    const rev0 = await revision();
    const l0 = leases() ?? 0;
    const t1 = performance.now();
    const usage = await measureProcess(child.pid!, Math.max(SAMPLE_S, 30));
    const secs = (performance.now() - t1) / 1000;
    const rev1 = await revision();
    const l1 = leases() ?? 0;
    return { registerS, cpuPct: usage.cpuPct, rssMiB: usage.rssMiB, leaseWritesPerS: (l1 - l0) / secs, apiRevisionsPerS: (rev1 - rev0) / secs };
  } finally {
    if (child.exitCode === null) process.kill(child.pid!, 'SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL');
  }
}

const c = await startAgentCluster({ name: 'bench', config: { heartbeatSeconds: 10 } });
const out: string[] = [];
const say = (line: string) => {
  out.push(line);
  console.log(line);
};
try {
  const agentPid = c.agent.pid;
  log(`node ${c.nodeName} ready, agent pid ${agentPid}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  // One untimed pod: first-use costs (the engine's network set-up, the agent's code paths) are not pod start.
  await startOnePod(c, 'warm-up');
  await deletePods(c, ['warm-up']);
  await sleep(3_000);

  // BENCH_SAMPLE_SECONDS=0 skips the RSS/CPU samples and BENCH_SIM_NODES=0 the simulator (to iterate on start-up).
  const NOT_SAMPLED = { cpuPct: NaN, cpuS: NaN, rssMiB: NaN, anonMiB: NaN, fileMiB: NaN };
  log(`agent idle with 0 pods: sampling ${SAMPLE_S} s`);
  const idle = SAMPLE_S > 0 ? await measureProcess(agentPid, SAMPLE_S) : NOT_SAMPLED;

  log(`${PODS} pods, one by one`);
  const times: number[] = [];
  const boundTimes: number[] = [];
  const runs: PodRun[] = [];
  const cpu0 = cpuParts(c);
  for (let i = 0; i < PODS; i++) {
    const name = `start-${String(i).padStart(2, '0')}`;
    const t = await startOnePod(c, name);
    times.push(t.total);
    boundTimes.push(t.bound);
    runs.push({ name, createdAt: t.createdAt, readyAt: t.readyAt });
    if ((i + 1) % 10 === 0) log(`  ${i + 1} pods, last ${ms(times[times.length - 1])}`);
  }
  const cpu1 = cpuParts(c);

  log(`down to ${WITH_PODS} pods, then sampling ${SAMPLE_S} s`);
  await deletePods(c, Array.from({ length: Math.max(0, PODS - WITH_PODS) }, (_, i) => `start-${String(WITH_PODS + i).padStart(2, '0')}`));
  const busy = SAMPLE_S > 0 ? (await sleep(5_000), await measureProcess(agentPid, SAMPLE_S)) : NOT_SAMPLED;
  const bareNode = await measureBareNode();

  log(`runtime floor: ${FLOOR_RUNS} runs each`);
  const floor = await measureFloor(c);

  log(`agent simulate --nodes ${SIM_NODES}`);
  const sim = SIM_NODES > 0 ? await measureSimulate(c) : { error: 'BENCH_SIM_NODES=0' };

  const p50 = quantile(times, 0.5);
  const p99 = quantile(times, 0.99);
  const podmanRun = quantile(floor.podmanRun, 0.5);
  const apiFloor = quantile(floor.apiCreateStart, 0.5);
  const lowFloor = Math.min(podmanRun, apiFloor);
  const overhead = p50 - lowFloor;

  say('');
  say(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at the end (other work on the machine skews every number)`);
  say(`pod start-up on this machine (${PODS} pods one by one, busybox, podman ${spawnSync('podman', ['--version'], { encoding: 'utf8' }).stdout.trim().replace('podman version ', '')} + runc, bridge network)`);
  say(`  create → Running+Ready (watch)   p50 ${ms(p50)}   p99 ${ms(p99)}   min ${ms(Math.min(...times))}   max ${ms(Math.max(...times))}`);
  const afterBind = times.map((t, i) => t - boundTimes[i]);
  say(`    of which create → bound (scheduler) p50 ${ms(quantile(boundTimes, 0.5))}, bound → Ready (agent + runtime) p50 ${ms(quantile(afterBind, 0.5))} p99 ${ms(quantile(afterBind, 0.99))}`);
  say(`    first 10 pods p50 ${ms(quantile(times.slice(0, 10), 0.5))}, last 10 pods p50 ${ms(quantile(times.slice(-10), 0.5))}`);
  for (const line of breakdown(c.logPath, runs)) say(line);
  // On a 2-core host the parts of a pod start compete for CPU: what each one spent is the other budget.
  const perPod = (k: string) => `${k} ${(((cpu1[k] - cpu0[k]) / PODS) * 1000).toFixed(0)} ms`;
  say(`  CPU per pod start (mean): ${['agent', 'podman', 'workerd', 'bench'].map(perPod).join(', ')}; the whole machine: ${perPod('machine').replace('machine ', '')} (includes other work)`);
  say(`  floor: podman run -d              median ${ms(podmanRun)}   (p99 ${ms(quantile(floor.podmanRun, 0.99))}, ${floor.podmanRun.length} runs)`);
  say(`  floor: Docker API create+start    median ${ms(apiFloor)}   (p99 ${ms(quantile(floor.apiCreateStart, 0.99))}, ${floor.apiCreateStart.length} runs)`);
  say(`  overhead (our p50 − lower floor)  ${ms(overhead)}   (a pod is two containers: the sandbox and the app)`);
  say(`agent process (pid ${agentPid})`);
  const rssParts = (p: ProcSample) => `(own ${p.anonMiB.toFixed(1)} MiB + ${p.fileMiB.toFixed(1)} MiB mapped files, mostly the Node binary shared with every Node process)`;
  say(`  0 pods:  RSS ${idle.rssMiB.toFixed(1)} MiB ${rssParts(idle)}, CPU ${idle.cpuPct.toFixed(2)}% of a core (mean over ${SAMPLE_S} s)`);
  say(`  ${WITH_PODS} pods: RSS ${busy.rssMiB.toFixed(1)} MiB ${rssParts(busy)}, CPU ${busy.cpuPct.toFixed(2)}% of a core (mean over ${SAMPLE_S} s)`);
  say(`  for comparison: a bare \`node -e 'setInterval(() => {}, 1000)'\` here has RSS ${bareNode.rssMiB.toFixed(1)} MiB ${rssParts(bareNode)}`);
  if ('error' in sim) say(`agent simulate --nodes ${SIM_NODES}: not measured (${sim.error})`);
  else {
    say(`agent simulate --nodes ${SIM_NODES} (10 s leases)`);
    say(`  registered in ${sim.registerS.toFixed(1)} s; steady state: CPU ${sim.cpuPct.toFixed(1)}% of a core, RSS ${sim.rssMiB.toFixed(0)} MiB`);
    say(`  writes: ${sim.leaseWritesPerS.toFixed(0)} lease renewals/s from the simulator, ${sim.apiRevisionsPerS.toFixed(0)} revisions/s in the whole API`);
  }
  say('targets');
  say(`  p99 create→Ready ≤ ${TARGETS.p99ReadyMs} ms            ${ms(p99).padEnd(8)} ${verdict(p99 <= TARGETS.p99ReadyMs)}`);
  say(`  median overhead ≤ ${TARGETS.medianOverheadMs} ms            ${ms(overhead).padEnd(8)} ${verdict(overhead <= TARGETS.medianOverheadMs)}`);
  say(`  agent RSS with ${WITH_PODS} pods ≤ ${TARGETS.rssMiB} MB        ${`${busy.rssMiB.toFixed(1)} MiB`.padEnd(8)} ${verdict(busy.rssMiB * 1.048576 <= TARGETS.rssMiB)}  (own memory ${busy.anonMiB.toFixed(1)} MiB ${verdict(busy.anonMiB * 1.048576 <= TARGETS.rssMiB)})`);
  say(`  idle CPU ≤ ${TARGETS.idleCpuPct}% of a core            ${`${idle.cpuPct.toFixed(2)}%`.padEnd(8)} ${verdict(idle.cpuPct <= TARGETS.idleCpuPct)}`);
} finally {
  // BENCH_AGENT_LOG=<file> keeps the agent's log (its "pod started" lines) after the run.
  if (process.env.BENCH_AGENT_LOG) copyFileSync(c.logPath, process.env.BENCH_AGENT_LOG);
  await c.close();
}
