// The credential the benchmarks' simulated nodes act with. Kubelets authenticate in group system:nodes,
// and the default audit policy (workers/api/src/audit/default-policy.ts) does not record their Lease
// renewals and reads; as the admin, 1,000 simulated nodes had every renewal audited at Request level,
// ~0.5 ms of workerd CPU each that a real cluster does not pay. One identity speaks for every simulated
// node, so it is also in system:masters, and its name is not `system:node:<name>`: the node authorizer
// and NodeRestriction, which confine a node to its own objects, leave it to RBAC.
import type { Stack } from '../../local/stack';
import { newToken, registerToken } from '../../local/tokens';

export const SIMULATED_NODES_USER = 'kubeflare:simulated-nodes';

/** Registers a bearer token for the simulated nodes on `stack` and returns it. */
export async function simulatedNodesToken(stack: Stack): Promise<string> {
  const token = newToken();
  const db = await stack.mf.getD1Database('DB', 'kubeflare-api');
  await registerToken(db as never, token, SIMULATED_NODES_USER, ['system:nodes', 'system:masters'], 'simulated nodes (benchmarks)');
  return token;
}
