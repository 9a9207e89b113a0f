// `npm start`: the whole system locally on its embedded default (Miniflare, local D1 + Durable Objects).
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { createNodeFetcher } from '../agent/src/http';
import { SimCluster } from '../agent/src/sim';
import { ApiClient } from '../workers/kube/client';
import { ROOT, startStack } from './stack';
import { runtimeProblem, startLocalAgent, type LocalAgent } from './agent';

const HELP = `Usage: npm start -- [options]

Runs the Kubernetes API (https), the scheduler and the controllers workers in Miniflare with local D1 and
Durable Objects persisted under the state directory, and writes an admin kubeconfig there.

Options:
  --host <addr>        address to listen on (default 127.0.0.1, env KUBEFLARE_HOST)
  --port <n>           https port (default 6443, env KUBEFLARE_PORT)
  --state-dir <dir>    where state, certificates, token and kubeconfig live (default .local)
  --ephemeral          keep D1 and Durable Object state in memory only
  --no-agent           do not run a node agent on this machine (by default one runs when Docker or
                       podman is available, so pods run as real containers from the host's image store)
  --sim-nodes <n>      also run n simulated nodes that mark their pods Running (for scale experiments)
  -h, --help           show this help
`;

const { values } = parseArgs({
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    'state-dir': { type: 'string' },
    ephemeral: { type: 'boolean' },
    'sim-nodes': { type: 'string' },
    'no-agent': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const host = values.host ?? process.env.KUBEFLARE_HOST ?? '127.0.0.1';
const port = Number(values.port ?? process.env.KUBEFLARE_PORT ?? '6443');
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port ${values.port}: expected 0-65535`);
  process.exit(2);
}
const stateDir = values['state-dir'] ?? join(ROOT, '.local');
const simNodes = Number(values['sim-nodes'] ?? '0');
if (!Number.isInteger(simNodes) || simNodes < 0) {
  console.error(`invalid --sim-nodes ${values['sim-nodes']}: expected a non-negative integer`);
  process.exit(2);
}

// Handlers go in before the (slow) start so a signal during start-up is handled too.
let stopping = false;
let stack: Awaited<ReturnType<typeof startStack>> | undefined;
let sim: SimCluster | undefined;
let agent: LocalAgent | undefined;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, async () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${sig}: stopping`);
    // Signalled before anything async: Miniflare's own exit hook may end this process first.
    agent?.signalStop();
    await agent?.stop().catch(() => undefined);
    await sim?.stop(5_000).catch(() => undefined);
    await stack?.stop().catch(() => undefined);
    process.exit(0);
  });
}

stack = await startStack({ stateDir, host, port, persist: !values.ephemeral, log: (m) => console.log(m) }).catch((err: Error) => {
  console.error(`failed to start: ${err.message}`);
  if (/EADDRINUSE|address already in use/i.test(String(err))) console.error(`port ${port} is taken: pass --port <n>`);
  process.exit(1);
});

const admin = new ApiClient({ fetch: createNodeFetcher({ caPem: stack!.caPem }), baseUrl: stack!.url, token: stack!.token, userAgent: 'kubeflare-start' });
if (!values['no-agent']) {
  const problem = await runtimeProblem();
  if (problem) console.log(problem);
  else {
    agent = await startLocalAgent({ api: admin, serverUrl: stack!.url, caPem: stack!.caPem, stateDir, reuse: !values.ephemeral, log: (m) => console.log(m) }).catch((err: Error) => {
      console.error(`the local node agent did not start: ${err.message}`);
      return undefined;
    });
  }
}

if (simNodes > 0) {
  const api = admin;
  sim = new SimCluster({ api, nodes: { count: simNodes, zones: Math.min(3, simNodes) }, markRunning: true });
  await sim.start();
  console.log(`${simNodes} simulated node(s) registered`);
}

console.log(`Kubernetes API listening on ${stack!.url}
Admin kubeconfig: ${stack!.kubeconfig}

  export KUBECONFIG=${stack!.kubeconfig}
  kubectl get namespaces

Press Ctrl-C to stop.`);

