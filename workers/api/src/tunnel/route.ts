// GET /apis/kubeflare.dev/v1/nodes/<name>/tunnel (WebSocket): a node's agent opens its stream tunnel.
// Only the node itself may: user system:node:<name> in group system:nodes (like the node authorizer,
// no other identity, cluster admins included, can stand in for a kubelet).
import { Hono } from 'hono';
import { forbidden } from '../../../kube/status';
import type { AppEnv } from '../app-env';
import type { UserInfo } from '../auth/user';

export const tunnelRoutes = new Hono<AppEnv>();

export function mayOpenTunnel(user: UserInfo, node: string): boolean {
  return user.name === `system:node:${node}` && user.groups.includes('system:nodes');
}

tunnelRoutes.get('/apis/kubeflare.dev/v1/nodes/:name/tunnel', async (c) => {
  const node = c.req.param('name');
  const user = c.var.user;
  if (!mayOpenTunnel(user, node)) {
    throw forbidden(`nodes "${node}" is forbidden: User "${user.name}" cannot open the tunnel of node "${node}": only system:node:${node} may`, { name: node, kind: 'nodes' });
  }
  const stub = c.env.NODE_TUNNEL.get(c.env.NODE_TUNNEL.idFromName(node));
  return stub.fetch(new Request('https://tunnel.internal/connect', { headers: c.req.raw.headers }));
});
