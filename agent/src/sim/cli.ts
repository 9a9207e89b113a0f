// kwok-like simulator CLI: registers N fake nodes against a cluster and keeps them alive until
// interrupted. Run: node scripts/run.mjs agent/src/sim/cli.ts --help
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { ApiClient } from '../../../workers/kube/client';
import { createNodeFetcher } from '../http/node-fetcher';
import { SimCluster } from './cluster';

const HELP = `Usage: npm run sim -- [options]

Registers simulated nodes (Node + Lease, no containers) and keeps their heartbeats going.

Connection (either --kubeconfig, or --server/--token/--ca; flags override the kubeconfig):
  --kubeconfig FILE       kubeconfig with server, certificate-authority-data and a token
  --server URL            API server, e.g. https://127.0.0.1:6443
  --token T               bearer token
  --ca FILE               CA certificate (PEM) of the API server

Nodes:
  --nodes N               how many nodes (default 10)
  --name-prefix P         node names are P-0000, P-0001, ... (default sim-node)
  --zones N               spread over N zones zone-a, zone-b, ... (default 3)
  --tainted F             fraction of nodes tainted sim.kubeflare.dev/tainted:NoSchedule (default 0)
  --label K=V             extra label on every node (repeatable)
  --heartbeat S           Lease renewal period in seconds (default 10)
  --mark-running          report pods bound to these nodes Running and confirm their deletions
  --pod-start-delay MS    delay before a pod is reported Running (default 0)
  --concurrency N         API calls in flight at most (default 32)
  --stats S               print counters every S seconds (default 10; 0 = never)
  -h, --help              this help
`;

interface Connection {
  server?: string;
  token?: string;
  caPem?: string;
}

/** Server, CA and token of the current context of a kubeconfig. */
function fromKubeconfig(file: string): Connection {
  type Named<T> = { name: string } & T;
  const kc = parseYaml(readFileSync(file, 'utf8')) as {
    'current-context'?: string;
    contexts?: Named<{ context: { cluster: string; user: string } }>[];
    clusters?: Named<{ cluster: { server: string; 'certificate-authority-data'?: string; 'certificate-authority'?: string } }>[];
    users?: Named<{ user: { token?: string } }>[];
  };
  const ctx = kc.contexts?.find((c) => c.name === kc['current-context']) ?? kc.contexts?.[0];
  const cluster = kc.clusters?.find((c) => c.name === ctx?.context.cluster)?.cluster;
  const user = kc.users?.find((u) => u.name === ctx?.context.user)?.user;
  const caData = cluster?.['certificate-authority-data'];
  const caFile = cluster?.['certificate-authority'];
  return {
    server: cluster?.server,
    token: user?.token,
    caPem: caData ? Buffer.from(caData, 'base64').toString('utf8') : caFile ? readFileSync(caFile, 'utf8') : undefined,
  };
}

function number(name: string, text: string | undefined, fallback: number, min = 0): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name}: expected a number >= ${min}, got ${JSON.stringify(text)}`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      kubeconfig: { type: 'string' },
      server: { type: 'string' },
      token: { type: 'string' },
      ca: { type: 'string' },
      nodes: { type: 'string' },
      'name-prefix': { type: 'string' },
      zones: { type: 'string' },
      tainted: { type: 'string' },
      label: { type: 'string', multiple: true },
      heartbeat: { type: 'string' },
      'mark-running': { type: 'boolean' },
      'pod-start-delay': { type: 'string' },
      concurrency: { type: 'string' },
      stats: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const conn: Connection = values.kubeconfig ? fromKubeconfig(values.kubeconfig) : {};
  const server = values.server ?? conn.server;
  const token = values.token ?? conn.token;
  const caPem = values.ca ? readFileSync(values.ca, 'utf8') : conn.caPem;
  if (!server || !token || !caPem) throw new Error('need --server, --token and --ca (or a --kubeconfig that has them); see --help');
  const tainted = number('tainted', values.tainted, 0);
  if (tainted > 1) throw new Error('--tainted: expected a fraction between 0 and 1');
  const labels: Record<string, string> = {};
  for (const l of values.label ?? []) {
    const i = l.indexOf('=');
    if (i <= 0) throw new Error(`--label: expected K=V, got ${JSON.stringify(l)}`);
    labels[l.slice(0, i)] = l.slice(i + 1);
  }

  const log = (msg: string, fields: Record<string, unknown> = {}) => console.error(JSON.stringify({ time: new Date().toISOString(), msg, ...fields }));
  const fetcher = createNodeFetcher({ caPem });
  const api = new ApiClient({ fetch: fetcher, baseUrl: server, token, userAgent: 'kubeflare-sim/0.1' });
  const sim = new SimCluster({
    api,
    nodes: {
      count: number('nodes', values.nodes, 10, 1),
      namePrefix: values['name-prefix'],
      zones: number('zones', values.zones, 3, 1),
      taintedFraction: tainted,
      labels: Object.keys(labels).length ? labels : undefined,
    },
    markRunning: values['mark-running'] ?? false,
    heartbeatSeconds: number('heartbeat', values.heartbeat, 10, 1),
    podStartDelayMs: number('pod-start-delay', values['pod-start-delay'], 0),
    concurrency: number('concurrency', values.concurrency, 32, 1),
    log,
  });

  const statsSeconds = number('stats', values.stats, 10);
  const stats = statsSeconds > 0 ? setInterval(() => log('counters', { ...sim.counters }), statsSeconds * 1000) : undefined;
  let stopping = false;
  const done = new Promise<void>((resolve) => {
    // Ctrl-C reaches this process twice (from the terminal and forwarded by scripts/run.mjs): once is enough.
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log('stopping', { signal });
      clearInterval(stats);
      void sim.stop().then(() => {
        fetcher.close();
        log('stopped', { ...sim.counters });
        resolve();
      });
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
  });
  const t0 = Date.now();
  await sim.start().catch((e: unknown) => log('start incomplete', { err: e instanceof Error ? e.message : String(e) }));
  log('running', { nodes: sim.nodes.length, ms: Date.now() - t0, markRunning: values['mark-running'] ?? false });
  await done;
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`sim: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
