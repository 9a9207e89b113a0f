// pods/log, pods/exec, pods/attach, pods/portforward: validated here (pod, container, options, the
// extra authorization a WebSocket upgrade needs), then relayed to the pod's node through its NodeTunnel.
import type { KObject } from '../../../../kube/registry/types';
import { badRequest, methodNotAllowed, notFound } from '../../../../kube/status';
import { requireAllowed } from '../../auth/authorizer';
import { rbacAuthorizer } from '../../auth/rbac';
import type { ResourceCtx } from '../../context';
import { getObject } from '../../store';
import { EXEC_PROTOCOLS, PORTFORWARD_PROTOCOLS, type OpenRequest } from '../../tunnel/protocol';
import { STREAM_HEADERS, type StreamMode } from '../../tunnel/node-tunnel';
import { keyOf, parseRow } from '../common';
import { resolveContainer } from './container';
import { parseExecOptions, parseLogOptions } from './options';

export const POD_STREAMS = new Set(['log', 'exec', 'attach', 'portforward']);

type Pod = KObject & { spec?: { nodeName?: string; containers?: { name: string }[]; initContainers?: { name: string }[]; ephemeralContainers?: { name: string }[] } };

export async function handlePodStream(ctx: ResourceCtx): Promise<Response> {
  const { req } = ctx;
  const sub = req.subresource!;
  const isWebSocket = ctx.request.headers.get('Upgrade')?.toLowerCase() === 'websocket';
  if (sub === 'log' && req.verb !== 'get') throw methodNotAllowed();
  if (sub !== 'log') {
    if (req.verb !== 'get' && req.verb !== 'create') throw methodNotAllowed();
    // A WebSocket GET runs commands too: like upstream's AuthorizePodWebsocketUpgradeCreatePermission,
    // it also needs the `create` a SPDY POST is authorized with.
    if (req.verb === 'get') await requireAllowed(rbacAuthorizer(ctx.db), { user: ctx.user, verb: 'create', group: '', version: 'v1', resource: 'pods', subresource: sub, namespace: req.namespace, name: req.name });
  }
  const row = await getObject(ctx.db, keyOf(ctx.def, req.namespace, req.name!));
  if (!row) throw notFound({ resource: 'pods', group: '' }, req.name!);
  const pod = parseRow(row) as Pod;
  const open: OpenRequest = { kind: sub === 'log' ? 'logs' : (sub as OpenRequest['kind']), namespace: req.namespace!, pod: req.name! };
  if (sub === 'log') {
    open.logs = parseLogOptions(ctx.query, req.name!);
    open.container = resolveContainer(pod, ctx.query.get('container'));
  } else if (sub === 'exec' || sub === 'attach') {
    open.exec = parseExecOptions(ctx.query, sub);
    open.container = resolveContainer(pod, ctx.query.get('container'));
  }
  const node = pod.spec?.nodeName ?? '';
  if (!node) {
    // Upstream answers an empty log for a pod not yet scheduled, and refuses the interactive streams.
    if (sub === 'log') return new Response('', { headers: { 'Content-Type': 'text/plain' } });
    throw badRequest(`pod ${req.name} does not have a host assigned`);
  }
  let mode: StreamMode = 'http';
  let protocol: string | undefined;
  if (sub !== 'log') {
    mode = isWebSocket ? 'ws' : 'probe';
    if (isWebSocket) protocol = negotiate(ctx.request.headers.get('Sec-WebSocket-Protocol'), sub === 'portforward' ? PORTFORWARD_PROTOCOLS : EXEC_PROTOCOLS);
  }
  const headers = new Headers({
    [STREAM_HEADERS.open]: encodeURIComponent(JSON.stringify(open)),
    [STREAM_HEADERS.node]: node,
    [STREAM_HEADERS.mode]: mode,
  });
  if (protocol) headers.set(STREAM_HEADERS.protocol, protocol);
  if (mode === 'ws') headers.set('Upgrade', 'websocket');
  const stub = ctx.env.NODE_TUNNEL.get(ctx.env.NODE_TUNNEL.idFromName(node));
  return stub.fetch('https://tunnel.internal/stream', { headers });
}

/** The first protocol we serve (in our order of preference) that the client offered. */
function negotiate(offered: string | null, served: string[]): string {
  const client = (offered ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const pick = served.find((p) => client.includes(p));
  if (!pick) throw badRequest(`unable to upgrade: unable to negotiate protocol: client supports [${client.join(' ')}], server supports [${served.join(' ')}]`);
  return pick;
}
