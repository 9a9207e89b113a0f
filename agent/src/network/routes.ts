// Routes to the other nodes' pod ranges: `<podCIDR> via <InternalIP>` for every other Node, kept in sync
// with the Node objects. Every route the agent adds carries its own protocol number, so it can list and
// remove exactly its own routes and never touches others. This needs the nodes to share an L2 network
// (or an L3 one whose routers forward pod ranges); across the internet use a VPN or overlay
// (WireGuard, VXLAN) and point the routes at the tunnel addresses instead.
import { run as defaultRun, type Run } from './exec';

/** The `proto` of the agent's routes (an unassigned number in /etc/iproute2/rt_protos). */
export const ROUTE_PROTO = '177';

export interface NodeLike {
  metadata: { name?: string };
  spec?: { podCIDR?: string; podCIDRs?: string[] };
  status?: { addresses?: { type: string; address: string }[] };
}

const IPV4_CIDR = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Desired routes: pod range → next hop, for every other node with a range and an InternalIP. */
export function desiredRoutes(nodes: NodeLike[], self: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of [...nodes].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))) {
    if (n.metadata.name === self) continue;
    const cidr = n.spec?.podCIDR;
    const via = n.status?.addresses?.find((a) => a.type === 'InternalIP' && IPV4.test(a.address))?.address;
    if (cidr && IPV4_CIDR.test(cidr) && via && !out.has(cidr)) out.set(cidr, via);
  }
  return out;
}

/** The ip commands turning `current` into `desired` (replace is idempotent; stale ones are deleted). */
export function routeCommands(current: Map<string, string>, desired: Map<string, string>): string[][] {
  const cmds: string[][] = [];
  for (const [cidr, via] of desired) if (current.get(cidr) !== via) cmds.push(['ip', 'route', 'replace', cidr, 'via', via, 'proto', ROUTE_PROTO]);
  for (const cidr of current.keys()) if (!desired.has(cidr)) cmds.push(['ip', 'route', 'del', cidr, 'proto', ROUTE_PROTO]);
  return cmds;
}

/** The routes the agent has in the kernel now (only its own protocol). */
export async function currentRoutes(run: Run = defaultRun): Promise<Map<string, string>> {
  const out = await run(['ip', '-j', 'route', 'show', 'proto', ROUTE_PROTO]);
  const rows = (out.trim() ? JSON.parse(out) : []) as { dst: string; gateway?: string }[];
  return new Map(rows.filter((r) => r.gateway).map((r) => [r.dst, r.gateway!]));
}

export async function syncRoutes(nodes: NodeLike[], self: string, run: Run = defaultRun): Promise<string[][]> {
  const cmds = routeCommands(await currentRoutes(run), desiredRoutes(nodes, self));
  for (const c of cmds) await run(c);
  return cmds;
}

export async function removeRoutes(run: Run = defaultRun): Promise<void> {
  for (const c of routeCommands(await currentRoutes(run), new Map())) await run(c);
}
