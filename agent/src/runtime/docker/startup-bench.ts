// Pod start latency through the runtime: runSandbox + createContainer + startContainer (busybox sleep),
// on the default bridge and with hostNetwork. Starts its own podman service in a temp dir.
//   node scripts/run.mjs agent/src/runtime/docker/startup-bench.ts [--runs 10]
import { parseArgs } from 'node:util';
import { startPodmanFixture } from './testing';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const runs = Number(values.runs);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const f = await startPodmanFixture();
try {
  // One untimed pod first: the pause image build and the engine's first-use costs are not pod start.
  const warm = await f.runtime.runSandbox(f.sandbox());
  await f.runtime.removeSandbox(warm.id);

  for (const hostNetwork of [false, true]) {
    const times: number[] = [];
    const phases = { sandbox: [] as number[], create: [] as number[], start: [] as number[] };
    const created: { sandbox: string; container: string }[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const sb = await f.runtime.runSandbox(f.sandbox({ hostNetwork }));
      const t1 = performance.now();
      const id = await f.runtime.createContainer(f.container(sb.id, { command: ['sleep', '3600'] }));
      const t2 = performance.now();
      await f.runtime.startContainer(id);
      const t3 = performance.now();
      times.push(t3 - t0);
      phases.sandbox.push(t1 - t0);
      phases.create.push(t2 - t1);
      phases.start.push(t3 - t2);
      created.push({ sandbox: sb.id, container: id });
    }
    for (const c of created) {
      await f.runtime.removeContainer(c.container);
      await f.runtime.removeSandbox(c.sandbox);
    }
    const label = hostNetwork ? 'hostNetwork' : 'bridge';
    console.log(
      `${label.padEnd(12)} runs=${runs} median=${median(times).toFixed(0)} ms min=${Math.min(...times).toFixed(0)} max=${Math.max(...times).toFixed(0)}` +
        ` (medians: runSandbox ${median(phases.sandbox).toFixed(0)}, create ${median(phases.create).toFixed(0)}, start ${median(phases.start).toFixed(0)})`,
    );
  }
} finally {
  await f.cleanup();
}
