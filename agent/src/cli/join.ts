// `kubeflare-agent join`: trade a bootstrap token for this node's own credential and write the agent
// config (0600). The CA comes from --ca-file, or from the token-signed cluster-info, or the system CAs.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dns1123Subdomain } from '../../../workers/kube/validation/names';
import { DEFAULT_CONFIG_PATH, DEFAULT_STATE_DIR, writeConfig, type AgentConfig } from '../config';
import { parseCommand } from './args';
import { discoverClusterInfo } from './discovery';
import { CliError, UsageError, type CliIO } from './errors';
import { joinRequest } from './https';

export const JOIN_HELP = `Usage: kubeflare-agent join --server URL --token TOKEN [options]

Exchanges a bootstrap token (from "npm run token -- create") for this node's credential and writes the
agent config file (mode 0600). Then start the agent with "kubeflare-agent run" or "kubeflare-agent install".

Options:
  --server URL                          the API server, e.g. https://203.0.113.10:6443
  --token TOKEN                         bootstrap token <id>.<secret>
  --ca-file FILE                        the cluster CA (PEM) to verify the server with
  --insecure-skip-tls-verify-for-join   take the CA from kube-public/cluster-info, trusted only if it is
                                        signed with this token (kubeadm's token discovery)
                                        (neither: the system's trusted CAs)
  --node-name NAME                      node name (default: this host's name, lower-cased)
  --config FILE                         where to write the config (default ${DEFAULT_CONFIG_PATH})
  --state-dir DIR                       the agent's state directory (default ${DEFAULT_STATE_DIR})
  --label K=V                           a label for the Node (repeatable)
  -h, --help                            this help
`;

export interface JoinOptions {
  server: string;
  token: string;
  caFile?: string;
  insecure?: boolean;
  nodeName?: string;
  configPath: string;
  stateDir?: string;
  labels?: Record<string, string>;
}

export interface JoinResult {
  path: string;
  config: AgentConfig;
  user: string;
}

const TOKEN_RE = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;

export function parseServer(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--server: ${JSON.stringify(text)} is not a URL; expected e.g. https://203.0.113.10:6443`, 'join');
  }
  if (url.protocol !== 'https:') throw new UsageError(`--server: ${JSON.stringify(text)} must use https:// (the API server only speaks TLS)`, 'join');
  return url;
}

function readCa(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`--ca-file: cannot read ${file}: ${(e as Error).message}`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new CliError(`--ca-file: ${file} is not a PEM certificate`);
  return pem;
}

export async function joinCluster(opts: JoinOptions, io: CliIO): Promise<JoinResult> {
  const server = parseServer(opts.server);
  const m = TOKEN_RE.exec(opts.token);
  if (!m) throw new UsageError('--token: expected a bootstrap token <id>.<secret> ([a-z0-9]{6}.[a-z0-9]{16}), as "npm run token -- create" prints', 'join');
  if (opts.caFile && opts.insecure) throw new UsageError('--ca-file and --insecure-skip-tls-verify-for-join exclude each other', 'join');
  const nodeName = opts.nodeName ?? os.hostname().toLowerCase();
  const bad = dns1123Subdomain(nodeName);
  if (bad.length) throw new UsageError(`--node-name: ${JSON.stringify(nodeName)} is not a valid node name: ${bad.join('; ')}`, 'join');

  let caPem: string | undefined;
  if (opts.caFile) caPem = readCa(opts.caFile);
  else if (opts.insecure) {
    caPem = (await discoverClusterInfo(server, m[1], m[2])).caPem;
    io.err(`verified the cluster CA from kube-public/cluster-info (signed with token id ${m[1]})`);
  }

  const res = await joinRequest({ method: 'POST', url: new URL('/apis/kubeflare.dev/v1/nodecredentials', server), token: opts.token, caPem, body: { nodeName } });
  const message = res.json?.message ?? res.text.slice(0, 300);
  if (res.status === 401) throw new CliError(`the bootstrap token was refused: ${message} (it is unknown, expired or mistyped; create a new one with "npm run token -- create")`);
  if (res.status === 403) throw new CliError(`the bootstrap token may not request node credentials: ${message}`);
  if (res.status === 404) throw new CliError(`${server.origin} does not issue node credentials (is it a kubeflare API server?)`);
  if (res.status !== 201 || typeof res.json?.token !== 'string') throw new CliError(`the node credential request failed: HTTP ${res.status}: ${message}`);

  let config: AgentConfig;
  try {
    config = writeConfig(opts.configPath, { server: server.href.replace(/\/$/, ''), caPem, token: res.json.token, nodeName, stateDir: opts.stateDir, labels: opts.labels });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new CliError(`cannot write ${opts.configPath}: permission denied (run as root, or pass --config FILE)`);
    throw e;
  }
  return { path: opts.configPath, config, user: String(res.json.user) };
}

export function parseLabels(list: string[] | undefined, command: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const l of list ?? []) {
    const i = l.indexOf('=');
    if (i <= 0) throw new UsageError(`--label: expected K=V, got ${JSON.stringify(l)}`, command);
    labels[l.slice(0, i)] = l.slice(i + 1);
  }
  return labels;
}

export async function joinCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommand('join', argv, {
    server: { type: 'string' },
    token: { type: 'string' },
    'ca-file': { type: 'string' },
    'insecure-skip-tls-verify-for-join': { type: 'boolean' },
    'node-name': { type: 'string' },
    config: { type: 'string' },
    'state-dir': { type: 'string' },
    label: { type: 'string', multiple: true },
  });
  if (values.help) {
    io.out(JOIN_HELP);
    return 0;
  }
  if (!values.server) throw new UsageError('--server is required', 'join');
  if (!values.token) throw new UsageError('--token is required', 'join');
  const r = await joinCluster(
    {
      server: values.server,
      token: values.token,
      caFile: values['ca-file'],
      insecure: values['insecure-skip-tls-verify-for-join'],
      nodeName: values['node-name'],
      configPath: values.config ?? DEFAULT_CONFIG_PATH,
      stateDir: values['state-dir'],
      labels: parseLabels(values.label, 'join'),
    },
    io,
  );
  io.out(`Joined as ${r.user}. Wrote ${r.path} (mode 0600).
Next: kubeflare-agent run --config ${r.path}
  or: kubeflare-agent install --config ${r.path}   (systemd service)`);
  return 0;
}
