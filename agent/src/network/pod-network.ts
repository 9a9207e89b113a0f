// The node's pod network: a bridge network in the container engine with the node's podCIDR, which pods
// attach to (the kubelet's podNetwork). podman (libpod API): a netavark bridge with our interface name and
// no DNS of its own (pods use the cluster DNS); Docker: the same through its compat API. Created once and
// kept: a restarted agent finds it; only cleanup removes it.
import { request } from 'node:http';

export interface PodNetworkSpec {
  name: string;
  /** The node's spec.podCIDR, e.g. 10.244.3.0/24. */
  subnet: string;
  /** The bridge interface (e.g. kf0). */
  bridge: string;
}

interface Reply {
  status: number;
  body: string;
}

function call(socketPath: string, method: string, path: string, body?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request({ socketPath, method, path, headers: { Host: 'd', ...(data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** The first address of a subnet: the bridge's (the pods' gateway). */
export function gatewayOf(subnet: string): string {
  const [ip] = subnet.split('/');
  const o = ip.split('.').map(Number);
  o[3] += 1;
  return o.join('.');
}

export class PodNetworkError extends Error {}

/**
 * Makes sure the network exists with this subnet. An existing one with another subnet (the node got a new
 * podCIDR, e.g. it was deleted and re-registered) is recreated when no container uses it, else refused.
 */
export async function ensurePodNetwork(socketPath: string, spec: PodNetworkSpec): Promise<'created' | 'exists'> {
  const inspect = await call(socketPath, 'GET', `/v4.0.0/libpod/networks/${encodeURIComponent(spec.name)}/json`);
  if (inspect.status === 200) {
    const net = JSON.parse(inspect.body) as { subnets?: { subnet: string }[] };
    if (net.subnets?.some((s) => s.subnet === spec.subnet)) return 'exists';
    const del = await call(socketPath, 'DELETE', `/v4.0.0/libpod/networks/${encodeURIComponent(spec.name)}`);
    if (del.status >= 300) throw new PodNetworkError(`network ${spec.name} has subnet ${net.subnets?.map((s) => s.subnet).join(',')}, not ${spec.subnet}, and cannot be removed (${del.status}: ${del.body.trim()}); remove its containers first`);
  } else if (inspect.status === 404 && !/network not found|no such network/i.test(inspect.body)) {
    // Not podman (Docker answers "page not found" for libpod paths).
    return ensureCompatNetwork(socketPath, spec);
  }
  const made = await call(socketPath, 'POST', '/v4.0.0/libpod/networks/create', {
    name: spec.name,
    driver: 'bridge',
    network_interface: spec.bridge,
    subnets: [{ subnet: spec.subnet, gateway: gatewayOf(spec.subnet) }],
    dns_enabled: false,
  });
  if (made.status >= 300) throw new PodNetworkError(`creating network ${spec.name} (${spec.subnet}) failed (${made.status}): ${made.body.trim()}`);
  return 'created';
}

/** Docker: the compat API (no libpod). */
async function ensureCompatNetwork(socketPath: string, spec: PodNetworkSpec): Promise<'created' | 'exists'> {
  const inspect = await call(socketPath, 'GET', `/networks/${encodeURIComponent(spec.name)}`);
  if (inspect.status === 200) return 'exists';
  const made = await call(socketPath, 'POST', '/networks/create', {
    Name: spec.name,
    Driver: 'bridge',
    IPAM: { Config: [{ Subnet: spec.subnet, Gateway: gatewayOf(spec.subnet) }] },
    Options: { 'com.docker.network.bridge.name': spec.bridge },
  });
  if (made.status >= 300) throw new PodNetworkError(`creating network ${spec.name} (${spec.subnet}) failed (${made.status}): ${made.body.trim()}`);
  return 'created';
}

/** Removes the network (cleanup); a missing one is fine. */
export async function removePodNetwork(socketPath: string, name: string): Promise<void> {
  const del = await call(socketPath, 'DELETE', `/networks/${encodeURIComponent(name)}`);
  if (del.status >= 300 && del.status !== 404) throw new PodNetworkError(`removing network ${name} failed (${del.status}): ${del.body.trim()}`);
}
