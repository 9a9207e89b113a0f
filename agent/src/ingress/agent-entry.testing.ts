// A real agent without a container runtime, for end-to-end ingress tests: Node, Lease and the ingress
// proxy from the given config, a fake runtime (no pods run here). Run it with `node --import tsx`.
import { loadConfig } from '../config';
import { runAgent } from '../main';
import { FakeRuntime } from '../runtime/fake';

const configPath = process.argv[2];
if (!configPath) throw new Error('usage: agent-entry.testing.ts CONFIG');
await runAgent(loadConfig(configPath), { runtime: new FakeRuntime(), kubelet: false, tunnel: false, metricsPush: false });
