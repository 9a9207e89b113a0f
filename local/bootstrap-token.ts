// Bootstrap tokens for joining nodes (kubeadm's `kubeadm token create`): a Secret in kube-system holds
// the token, and the public kube-public/cluster-info ConfigMap carries the cluster's CA signed with it,
// so `kubeflare-agent join --insecure-skip-tls-verify-for-join` can verify the CA with nothing but the token.
//   node scripts/run.mjs local/bootstrap-token.ts create [--ttl 24h] [--kubeconfig .local/kubeconfig]
import { USER_HELP, userCommand } from './user-token';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml, stringify } from 'yaml';
import { createNodeFetcher } from '../agent/src/http/node-fetcher';
import { parseDuration } from '../agent/src/cli/args';
import { CLUSTER_INFO, signDetached } from '../agent/src/cli/jws';
import { BOOTSTRAP_TOKEN_NAMESPACE, BOOTSTRAP_TOKEN_TYPE, bootstrapSecretName } from '../workers/api/src/auth/bootstrap/token';
import { ApiClient } from '../workers/kube/client';
import { StatusError } from '../workers/kube/status';
import { runIfEntry } from './run-script';

export interface BootstrapTokenOptions {
  ttlSeconds: number;
  description?: string;
  /** Extra groups, each under system:bootstrappers: (default system:bootstrappers:kubeflare:default-node-token). */
  extraGroups?: string[];
  /** Publish (or update) cluster-info with this server and CA, signed with the new token. */
  clusterInfo?: { server: string; caPem: string };
  now?: number;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const randomText = (n: number) => Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
/** RFC 3339 without fractions, as kubeadm writes `expiration`. */
const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Creates the token's Secret through the API (needs rights to create Secrets in kube-system); returns `<id>.<secret>`. */
export async function createBootstrapToken(api: ApiClient, opts: BootstrapTokenOptions): Promise<string> {
  const id = randomText(6);
  const secret = randomText(16);
  const now = opts.now ?? Date.now();
  await api.create(`/api/v1/namespaces/${BOOTSTRAP_TOKEN_NAMESPACE}/secrets`, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: bootstrapSecretName(id), namespace: BOOTSTRAP_TOKEN_NAMESPACE },
    type: BOOTSTRAP_TOKEN_TYPE,
    stringData: {
      'token-id': id,
      'token-secret': secret,
      expiration: rfc3339(now + opts.ttlSeconds * 1000),
      description: opts.description ?? 'kubeflare node join token',
      'usage-bootstrap-authentication': 'true',
      'usage-bootstrap-signing': 'true',
      'auth-extra-groups': (opts.extraGroups ?? ['system:bootstrappers:kubeflare:default-node-token']).join(','),
    },
  });
  if (opts.clusterInfo) await publishClusterInfo(api, opts.clusterInfo, id, secret);
  return `${id}.${secret}`;
}

/** The kubeconfig kubeadm puts in cluster-info: one cluster, no users. */
export function clusterInfoKubeconfig(server: string, caPem: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: '', cluster: { 'certificate-authority-data': Buffer.from(caPem).toString('base64'), server } }],
    contexts: [],
    users: [],
    preferences: {},
  });
}

/** Creates or updates cluster-info and adds the token's signature (a changed CA drops the old signatures). */
async function publishClusterInfo(api: ApiClient, info: { server: string; caPem: string }, id: string, secret: string) {
  const path = `/api/v1/namespaces/${CLUSTER_INFO.namespace}/configmaps`;
  const kubeconfig = clusterInfoKubeconfig(info.server, info.caPem);
  const signature = { [`${CLUSTER_INFO.signaturePrefix}${id}`]: signDetached(kubeconfig, id, secret) };
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await api.getOrNull<{ metadata: Record<string, unknown>; data?: Record<string, string> }>(`${path}/${CLUSTER_INFO.name}`);
    try {
      if (!current) {
        await api.create(path, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: CLUSTER_INFO.name, namespace: CLUSTER_INFO.namespace }, data: { [CLUSTER_INFO.kubeconfigKey]: kubeconfig, ...signature } });
        return;
      }
      const same = current.data?.[CLUSTER_INFO.kubeconfigKey] === kubeconfig;
      const data = same ? { ...current.data, ...signature } : { [CLUSTER_INFO.kubeconfigKey]: kubeconfig, ...signature };
      await api.update(`${path}/${CLUSTER_INFO.name}`, { ...current, data });
      return;
    } catch (e) {
      if (!(e instanceof StatusError && (e.code === 409 || e.code === 404))) throw e; // raced with another writer: again
    }
  }
  throw new Error('could not update kube-public/cluster-info: it kept changing');
}

/** Server, CA and token of a kubeconfig's current context. */
export function readKubeconfig(file: string): { server: string; caPem: string; token: string } {
  type Named<T> = { name: string } & T;
  const kc = parseYaml(readFileSync(file, 'utf8')) as {
    'current-context'?: string;
    contexts?: Named<{ context: { cluster: string; user: string } }>[];
    clusters?: Named<{ cluster: { server: string; 'certificate-authority-data'?: string } }>[];
    users?: Named<{ user: { token?: string } }>[];
  };
  const ctx = kc.contexts?.find((c) => c.name === kc['current-context']) ?? kc.contexts?.[0];
  const cluster = kc.clusters?.find((c) => c.name === ctx?.context.cluster)?.cluster;
  const token = kc.users?.find((u) => u.name === ctx?.context.user)?.user.token;
  const ca = cluster?.['certificate-authority-data'];
  if (!cluster?.server || !ca || !token) throw new Error(`${file}: needs a server, certificate-authority-data and a token in its current context`);
  return { server: cluster.server, caPem: Buffer.from(ca, 'base64').toString('utf8'), token };
}

const HELP = `Usage: npm run token -- create [--ttl 24h] [--kubeconfig FILE] [--description TEXT]
       npm run token -- user <create NAME | list | revoke ID> ...   (see: npm run token -- user --help)

Creates a bootstrap token for joining a node and prints it with the join command.

Options:
  --ttl DURATION      how long the token works (default 24h; e.g. 30m, 7d)
  --kubeconfig FILE   an admin kubeconfig (default .local/kubeconfig)
  --description TEXT  stored with the token
  -h, --help          this help
`;

async function userMain(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USER_HELP);
    return argv.length === 0 ? 2 : 0;
  }
  const i = argv.indexOf('--kubeconfig');
  const root = join(fileURLToPath(import.meta.url), '..', '..');
  const kc = readKubeconfig(i >= 0 ? argv[i + 1] : join(root, '.local', 'kubeconfig'));
  const fetcher = createNodeFetcher({ caPem: kc.caPem });
  try {
    const api = new ApiClient({ fetch: fetcher, baseUrl: kc.server, token: kc.token, userAgent: 'kubeflare-token' });
    return await userCommand(api, { server: kc.server, caPem: kc.caPem }, argv, ttlOf);
  } finally {
    fetcher.close();
  }
}

/** The agent's duration syntax, without its "see kubeflare-agent --help" hint. */
function ttlOf(text = '24h'): number {
  try {
    return parseDuration(text, '--ttl');
  } catch (e) {
    throw new Error((e as Error).message.split('\n')[0]);
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'user') return userMain(argv.slice(1));
  const [command, ...rest] = argv[0] === '--help' || argv[0] === '-h' ? ['help', '--help'] : argv;
  const { values } = parseArgs({ args: rest, options: { ttl: { type: 'string' }, kubeconfig: { type: 'string' }, description: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help || command !== 'create') {
    process.stdout.write(HELP);
    return values.help || command === 'help' ? 0 : 2;
  }
  const root = join(fileURLToPath(import.meta.url), '..', '..');
  const kc = readKubeconfig(values.kubeconfig ?? join(root, '.local', 'kubeconfig'));
  const fetcher = createNodeFetcher({ caPem: kc.caPem });
  try {
    const api = new ApiClient({ fetch: fetcher, baseUrl: kc.server, token: kc.token, userAgent: 'kubeflare-token' });
    const token = await createBootstrapToken(api, { ttlSeconds: ttlOf(values.ttl), description: values.description, clusterInfo: { server: kc.server, caPem: kc.caPem } });
    process.stdout.write(`${token}

Join a node with it (the CA is verified through the token's signature on kube-public/cluster-info):
  kubeflare-agent join --server ${kc.server} --token ${token} --insecure-skip-tls-verify-for-join
`);
    return 0;
  } finally {
    fetcher.close();
  }
}

runIfEntry(import.meta.url, 'token', main);
