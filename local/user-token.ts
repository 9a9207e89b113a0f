// Operators' user tokens (npm run token -- user ...): create one (and a kubeconfig for it), list, revoke.
// The API keeps only each token's SHA-256; the token itself is shown once.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import type { ApiClient } from '../workers/kube/client';

const PATH = '/apis/kubeflare.dev/v1/usertokens';

export interface UserToken {
  id: string;
  user: string;
  groups: string[];
  expirationTimestamp: string | null;
  token?: string;
  description?: string | null;
}

export async function createUserToken(api: ApiClient, opts: { user: string; groups?: string[]; ttlSeconds?: number; description?: string }): Promise<UserToken & { token: string }> {
  return api.create(PATH, { user: opts.user, groups: opts.groups ?? [], ...(opts.ttlSeconds ? { expirationSeconds: opts.ttlSeconds } : {}), ...(opts.description ? { description: opts.description } : {}) });
}

export async function listUserTokens(api: ApiClient): Promise<UserToken[]> {
  return (await api.get<{ items: UserToken[] }>(PATH)).items;
}

export async function revokeUserToken(api: ApiClient, id: string): Promise<void> {
  await api.delete(`${PATH}/${encodeURIComponent(id)}`);
}

/** A kubeconfig for one user token: the cluster's server and CA, that user, one context. */
export function userKubeconfig(server: string, caPem: string, user: string, token: string): string {
  const name = 'kubeflare';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') } }],
    users: [{ name: user, user: { token } }],
    contexts: [{ name: `${user}@${name}`, context: { cluster: name, user } }],
    'current-context': `${user}@${name}`,
  });
}

export const USER_HELP = `Usage: npm run token -- user <create NAME | list | revoke ID> [options]

  user create NAME [--group G]... [--ttl DURATION] [--out FILE] [--description TEXT]
                     a token for user NAME (groups as given), printed once, and a kubeconfig for it
                     (written to FILE with mode 0600, or printed); grant it rights with RBAC bindings
  user list          the user tokens (id, user, groups, expiry) — never the tokens themselves
  user revoke ID     revokes a token by its id (other API isolates stop accepting it within 10 s)

Common: --kubeconfig FILE  an admin kubeconfig (default .local/kubeconfig)
`;

export async function userCommand(api: ApiClient, cluster: { server: string; caPem: string }, argv: string[], ttlOf: (t?: string) => number): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { group: { type: 'string', multiple: true }, ttl: { type: 'string' }, out: { type: 'string' }, description: { type: 'string' }, kubeconfig: { type: 'string' } },
  });
  const [sub, arg] = positionals;
  if (sub === 'create' && arg) {
    const t = await createUserToken(api, { user: arg, groups: values.group, ttlSeconds: values.ttl ? ttlOf(values.ttl) : undefined, description: values.description });
    const kubeconfig = userKubeconfig(cluster.server, cluster.caPem, arg, t.token);
    if (values.out) {
      writeFileSync(values.out, kubeconfig, { mode: 0o600 });
      process.stdout.write(`token ${t.id} for user ${arg} (groups: ${t.groups.join(', ') || 'none'}; expires: ${t.expirationTimestamp ?? 'never'})\nkubeconfig written to ${values.out}\n`);
    } else {
      process.stdout.write(`# token ${t.id} for user ${arg}; expires: ${t.expirationTimestamp ?? 'never'}\n${kubeconfig}`);
    }
    return 0;
  }
  if (sub === 'list') {
    for (const t of await listUserTokens(api)) process.stdout.write(`${t.id}  ${t.user}  [${t.groups.join(',')}]  expires ${t.expirationTimestamp ?? 'never'}  ${t.description ?? ''}\n`);
    return 0;
  }
  if (sub === 'revoke' && arg) {
    await revokeUserToken(api, arg);
    process.stdout.write(`revoked ${arg}\n`);
    return 0;
  }
  process.stderr.write(USER_HELP);
  return 2;
}
