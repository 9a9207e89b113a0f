// Reads the audit log (admins only) and prints it as a table:
//   npm run audit -- [--user U] [--verb V] [--resource R] [--namespace N] [--name X] [--code C]
//                    [--since 15m|RFC3339] [--limit N] [-o table|json] [--kubeconfig FILE]
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeFetcher } from '../agent/src/http/node-fetcher';
import { ApiClient } from '../workers/kube/client';
import { readKubeconfig } from './bootstrap-token';
import { runIfEntry } from './run-script';

export const AUDIT_EVENTS_PATH = '/apis/audit.kubeflare.dev/v1/events';
const FILTERS = ['user', 'verb', 'resource', 'namespace', 'name', 'code', 'since', 'limit'] as const;

interface AuditEvent {
  auditID: string;
  stage: string;
  verb: string;
  requestURI: string;
  user: { username?: string };
  impersonatedUser?: { username?: string };
  sourceIPs?: string[];
  objectRef?: { resource?: string; subresource?: string; apiGroup?: string; namespace?: string; name?: string };
  responseStatus?: { code: number };
  requestReceivedTimestamp: string;
  annotations?: Record<string, string>;
}

export async function fetchAuditEvents(api: ApiClient, filters: Partial<Record<(typeof FILTERS)[number], string>>): Promise<AuditEvent[]> {
  const q = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1])).toString();
  return (await api.get<{ items: AuditEvent[] }>(q ? `${AUDIT_EVENTS_PATH}?${q}` : AUDIT_EVENTS_PATH)).items;
}

export function auditTable(events: AuditEvent[]): string {
  const rows = events.map((e) => {
    const o = e.objectRef;
    const resource = o?.resource ? `${o.resource}${o.subresource ? `/${o.subresource}` : ''}${o.apiGroup ? `.${o.apiGroup}` : ''}` : e.requestURI.split('?')[0];
    const user = e.impersonatedUser?.username ? `${e.user.username ?? ''} (as ${e.impersonatedUser.username})` : (e.user.username ?? '');
    return [
      e.requestReceivedTimestamp.replace(/\.\d+Z$/, 'Z'),
      user || '<unauthenticated>',
      e.verb,
      resource,
      o?.namespace ?? '',
      o?.name ?? '',
      String(e.responseStatus?.code ?? ''),
      e.annotations?.['authorization.k8s.io/decision'] ?? '',
      (e.sourceIPs ?? []).join(','),
      e.stage === 'ResponseComplete' ? '' : e.stage,
    ];
  });
  const header = ['TIME', 'USER', 'VERB', 'RESOURCE', 'NAMESPACE', 'NAME', 'CODE', 'DECISION', 'SOURCE', 'STAGE'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('   ').trimEnd()).join('\n') + '\n';
}

const HELP = `Usage: npm run audit -- [filters] [-o table|json] [--kubeconfig FILE]

Prints the audit log (needs cluster-admin: GET ${AUDIT_EVENTS_PATH}), oldest first.

Filters:
  --user NAME        the authenticated user (not the impersonated one)
  --verb VERB        get, list, watch, create, update, patch, delete, ... (non-resource: the HTTP method)
  --resource R       pods, pods/log, deployments.apps
  --namespace NS     --name NAME     --code 403
  --since WHEN       a duration (15m, 2h, 7d) or an RFC 3339 time
  --limit N          the newest N matching events (default 500)
  --kubeconfig FILE  an admin kubeconfig (default .local/kubeconfig)
`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...Object.fromEntries(FILTERS.map((f) => [f, { type: 'string' as const }])),
      output: { type: 'string', short: 'o' },
      kubeconfig: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const root = join(fileURLToPath(import.meta.url), '..', '..');
  const kc = readKubeconfig((values.kubeconfig as string | undefined) ?? join(root, '.local', 'kubeconfig'));
  const fetcher = createNodeFetcher({ caPem: kc.caPem });
  try {
    const api = new ApiClient({ fetch: fetcher, baseUrl: kc.server, token: kc.token, userAgent: 'kubeflare-audit' });
    const filters = Object.fromEntries(FILTERS.map((f) => [f, (values as Record<string, unknown>)[f] as string | undefined]));
    const events = await fetchAuditEvents(api, filters);
    process.stdout.write(values.output === 'json' ? `${JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: events }, null, 2)}\n` : auditTable(events));
    return 0;
  } finally {
    fetcher.close();
  }
}

runIfEntry(import.meta.url, 'audit', main);
