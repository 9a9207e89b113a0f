// The whole control plane in one Miniflare: the api worker (https), the scheduler and controllers
// workers, local D1 and Durable Objects. Used by `npm start`, the tests and the benchmarks.
import { Miniflare } from 'miniflare';
import { mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorkers } from './build';
import { startFront } from './front';
import { isProxyDesync } from './proxy-desync';
import { writeKubeconfig } from './kubeconfig';
import { applyMigrations } from './migrations';
import { ensureEncryptionKeys } from './encryption-keys';
import { makeMemoryDir } from './memory-dir';
import { ensurePki, ensureServiceAccountKey } from './pki';
import { ensureTokenFile, registerToken } from './tokens';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const COMPATIBILITY_DATE = '2026-04-20';

export interface StackOptions {
  /** Where certificates, tokens, kubeconfig and (when persisting) D1/DO state live. */
  stateDir: string;
  host?: string;
  port?: number;
  /** Keep D1 and Durable Object state on disk under stateDir (default true); else it lives on tmpfs (local/memory-dir) and is gone at stop. */
  persist?: boolean;
  /** Extra worker variables (e.g. COMPACTION_WINDOW_SECONDS). */
  vars?: Record<string, string>;
  /** Start the scheduler and the controllers (default true; the API benchmark measures the API alone). */
  components?: boolean;
  /** SECRET_ENCRYPTION_KEYS instead of the state dir's key file (key rotation; `identity` turns encryption off). */
  secretEncryptionKeys?: string;
  /**
   * Who terminates TLS: `node` (default; local/front, off the workerd thread) or `miniflare` (its own
   * https entry inside workerd). KUBEFLARE_FRONT overrides it, for comparisons.
   */
  front?: 'node' | 'miniflare';
  /**
   * Run the scheduler and the controllers in a workerd process of their own (default false), so that
   * they use another core than the api worker and D1: one workerd runs all its isolates on one thread.
   * They then reach the api worker over loopback HTTP and are poked through `POST /poke` (as separate
   * Workers on Cloudflare do through their bindings). KUBEFLARE_SPLIT=1/0 overrides it.
   */
  split?: boolean;
  log?: (msg: string) => void;
}

export interface Stack {
  url: string;
  token: string;
  caPem: string;
  kubeconfig: string;
  /** The workerd with the api worker, D1 and the watch channels (and the components unless split). */
  mf: Miniflare;
  /** The workerd with kubeflare-scheduler and kubeflare-controllers (`mf` unless split). */
  componentsMf: Miniflare;
  stop(): Promise<void>;
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  try {
    return await startStackOnce(opts);
  } catch (err) {
    if (!isProxyDesync(err)) throw err;
    // The failed Miniflare was disposed (and a memory dir removed): start once more in a fresh one.
    console.error(`Miniflare's synchronous proxy lost a reply during start-up; starting again (${String(err)})`);
    return startStackOnce(opts);
  }
}

async function startStackOnce(opts: StackOptions): Promise<Stack> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 6443;
  const state = resolve(opts.stateDir);
  const log = opts.log ?? (() => undefined);
  mkdirSync(state, { recursive: true });
  const scripts = await buildWorkers(ROOT, join(state, 'build'));
  const pki = ensurePki(join(state, 'pki'), ['localhost', '127.0.0.1', host]);
  const persist = opts.persist ?? true;
  // The ServiceAccount token key and the CA pods trust (ConfigMap kube-root-ca.crt) reach the workers as variables.
  const saVars = { SERVICE_ACCOUNT_SIGNING_KEY: ensureServiceAccountKey(join(state, 'pki')), KUBE_ROOT_CA_PEM: pki.caCert };
  // Secrets are encrypted at rest with a key list kept in the state dir, or the one given (rotation); the api worker's only.
  const encryption = { SECRET_ENCRYPTION_KEYS: opts.secretEncryptionKeys ?? ensureEncryptionKeys(join(state, 'pki')) };
  const vars = { WATCH_POLL_MS: '1000', ...saVars, ...encryption, ...opts.vars };
  // Each component talks to the API with its own identity, like kube-scheduler and kube-controller-manager.
  const schedulerToken = ensureTokenFile(join(state, 'scheduler-token'));
  const controllersToken = ensureTokenFile(join(state, 'controllers-token'));
  // Not persisted: a directory of our own on tmpfs, removed at stop (see local/memory-dir).
  const memory = persist ? undefined : makeMemoryDir(join(state, 'ephemeral'));
  const nodeFront = (process.env.KUBEFLARE_FRONT ?? opts.front ?? 'node') === 'node';
  const split = process.env.KUBEFLARE_SPLIT ? process.env.KUBEFLARE_SPLIT === '1' : (opts.split ?? false);
  // The components' direct sockets, known before either workerd starts: each needs the other's address.
  const componentPorts = split ? { scheduler: await freePort(), controllers: await freePort() } : undefined;
  const inspectorPort = process.env.KUBEFLARE_INSPECTOR_PORT ? Number(process.env.KUBEFLARE_INSPECTOR_PORT) : undefined;
  const external = (port: number) => ({ external: { address: `127.0.0.1:${port}`, http: {} } });
  const componentWorkers = (api: string | ReturnType<typeof external>, directPort?: (name: 'scheduler' | 'controllers') => { unsafeDirectSockets: { host: string; port: number }[] }) => [
    {
      name: 'kubeflare-scheduler',
      ...directPort?.('scheduler'),
      modules: true,
      modulesRoot: join(state, 'build'),
      scriptPath: scripts.scheduler,
      compatibilityDate: COMPATIBILITY_DATE,
      serviceBindings: { API: api },
      durableObjects: { SCHEDULER: 'Scheduler' },
      bindings: { API_TOKEN: schedulerToken },
    },
    {
      name: 'kubeflare-controllers',
      ...directPort?.('controllers'),
      modules: true,
      modulesRoot: join(state, 'build'),
      scriptPath: scripts.controllers,
      compatibilityDate: COMPATIBILITY_DATE,
      serviceBindings: { API: api },
      durableObjects: { CONTROLLERS: 'ControllerHost' },
      // The same extra variables reach the controllers (e.g. NODE_MONITOR_GRACE_PERIOD_SECONDS).
      bindings: { KUBE_ROOT_CA_PEM: pki.caCert, ...opts.vars, API_TOKEN: controllersToken },
    },
  ];
  const mf = new Miniflare({
    // With the Node front, Miniflare's own entry only serves this process (loopback, plain HTTP) and
    // clients reach the api worker through its direct socket.
    ...(nodeFront ? { host: '127.0.0.1', port: 0 } : { host, port, https: true, httpsKey: pki.serverKey, httpsCert: pki.serverCert }),
    cf: false,
    // For profiling only: KUBEFLARE_INSPECTOR_PORT exposes workerd's V8 inspector on loopback.
    ...(inspectorPort ? { inspectorPort } : {}),
    d1Persist: join(memory?.path ?? state, 'd1'),
    durableObjectsPersist: join(memory?.path ?? state, 'do'),
    workers: [
      {
        name: 'kubeflare-api',
        ...(nodeFront || split ? { unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }] } : {}),
        modules: true,
        modulesRoot: join(state, 'build'),
        scriptPath: scripts.api,
        compatibilityDate: COMPATIBILITY_DATE,
        // Audit events in their own database, as wrangler.toml deploys them.
        d1Databases: { DB: 'kubeflare', AUDIT_DB: 'kubeflare-audit' },
        durableObjects: {
          WATCH: 'WatchChannel',
          MAINTENANCE: 'Maintenance',
          METRICS: 'MetricsStore',
          NODE_TUNNEL: 'NodeTunnel',
          // Subscribers the watch channels poke after writes (split: through their workers' /poke).
          ...(split ? {} : { SCHEDULER: { className: 'Scheduler', scriptName: 'kubeflare-scheduler' }, CONTROLLERS: { className: 'ControllerHost', scriptName: 'kubeflare-controllers' } }),
        },
        ...(componentPorts ? { serviceBindings: { SCHEDULER_SERVICE: external(componentPorts.scheduler), CONTROLLERS_SERVICE: external(componentPorts.controllers) } } : {}),
        bindings: vars,
      },
      ...(split ? [] : componentWorkers('kubeflare-api')),
    ],
  });
  let closeFront = async () => undefined as void;
  let componentsMf: Miniflare | undefined;
  const disposeAll = async () => {
    await closeFront();
    await componentsMf?.dispose();
    await mf.dispose();
    memory?.remove();
  };
  try {
    let servedPort = Number((await mf.ready).port);
    if (componentPorts) {
      const apiDirect = await mf.unsafeGetDirectURL('kubeflare-api');
      componentsMf = new Miniflare({
        host: '127.0.0.1',
        port: 0,
        cf: false,
        ...(inspectorPort ? { inspectorPort: inspectorPort + 1 } : {}),
        durableObjectsPersist: join(memory?.path ?? state, 'do'),
        workers: componentWorkers(external(Number(apiDirect.port)), (name) => ({ unsafeDirectSockets: [{ host: '127.0.0.1', port: componentPorts[name] }] })),
      });
      await componentsMf.ready;
    }
    if (nodeFront) {
      const direct = await mf.unsafeGetDirectURL('kubeflare-api');
      const front = await startFront({ host, port, key: pki.serverKey, cert: pki.serverCert, upstream: { host: direct.hostname, port: Number(direct.port) } }, join(state, 'build'));
      closeFront = front.close;
      servedPort = front.port;
    }
    const db = await mf.getD1Database('DB', 'kubeflare-api');
    const applied = await applyMigrations(db as never, join(ROOT, 'migrations'));
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    await applyMigrations((await mf.getD1Database('AUDIT_DB', 'kubeflare-api')) as never, join(ROOT, 'migrations'));
    const token = ensureTokenFile(join(state, 'admin-token'));
    await registerToken(db as never, token, 'admin', ['system:masters'], 'local admin (npm start)');
    await registerToken(db as never, schedulerToken, 'system:kube-scheduler', [], 'scheduler (npm start)');
    await registerToken(db as never, controllersToken, 'system:kube-controller-manager', [], 'controllers (npm start)');
    // Controllers start once and then keep themselves awake with alarms (on Cloudflare: a cron trigger).
    if (opts.components !== false) await startComponents(componentsMf ?? mf);
    const server = `https://${host.includes(':') ? `[${host}]` : host}:${servedPort}`;
    const kubeconfig = join(state, 'kubeconfig');
    writeKubeconfig(kubeconfig, server, pki.caCert, token);
    return { url: server, token, caPem: pki.caCert, kubeconfig, mf, componentsMf: componentsMf ?? mf, stop: disposeAll };
  } catch (err) {
    await disposeAll();
    throw err;
  }
}

/** A loopback port free now (the components' sockets must be known before their workerd starts). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function startComponents(mf: Miniflare) {
  const controllers = await mf.getWorker('kubeflare-controllers');
  const started = await controllers.fetch('http://controllers.internal/ensure');
  if (!started.ok) throw new Error(`controllers did not start: ${started.status} ${await started.text()}`);
  if (!(await (await mf.getWorker('kubeflare-scheduler')).fetch('http://scheduler.internal/ensure')).ok) throw new Error('scheduler did not start');
}
