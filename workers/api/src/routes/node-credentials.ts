// The node credential exchange (kubeflare's stand-in for the kubelet's bootstrap CSR):
//   POST /apis/kubeflare.dev/v1/nodecredentials  {"nodeName": "n1"}  →  201 {token, user, groups}
// A bootstrap token (group system:bootstrappers, granted `create nodecredentials` by the default
// ClusterRoleBinding system:node-bootstrapper) gets a long-lived token for system:node:<name>. Only its
// SHA-256 is stored; joining again under the same name revokes that node's earlier tokens.
import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { badRequest, invalid } from '../../../kube/status';
import { dns1123Subdomain } from '../../../kube/validation/names';
import type { AppEnv } from '../app-env';
import { requireAllowed } from '../auth/authorizer';
import { rbacAuthorizer } from '../auth/rbac';
import { forgetUser, sha256Hex } from '../auth/tokens';
import { decodeJson, readBodyText } from '../request/body';
import { batch } from '../store/batch';

export const nodeCredentialRoutes = new Hono<AppEnv>();

const GROUP = 'kubeflare.dev';
const NODE_GROUPS = ['system:nodes', 'system:authenticated'];
const request = z.object({ nodeName: z.string() });

/** 32 random bytes, base64url: the same strength as the admin tokens. */
function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

nodeCredentialRoutes.post(`/apis/${GROUP}/v1/nodecredentials`, async (c) => {
  const user = c.var.user;
  await requireAllowed(rbacAuthorizer(c.var.db), { user, verb: 'create', group: GROUP, version: 'v1', resource: 'nodecredentials' });
  const parsed = request.safeParse(decodeJson(await readBodyText(c.req.raw)));
  if (!parsed.success) throw badRequest('the request body must be a JSON object with a string field "nodeName"');
  const nodeName = parsed.data.nodeName;
  const problems = nodeName === '' ? ['Required value'] : dns1123Subdomain(nodeName);
  if (problems.length) throw invalid('NodeCredential', GROUP, nodeName, problems.map((message) => ({ reason: 'FieldValueInvalid', field: 'nodeName', message })));

  const nodeUser = `system:node:${nodeName}`;
  const token = newToken();
  const now = Date.now();
  // One batch: the old tokens go and the new one arrives together.
  await batch(c.var.db, [
    sql`DELETE FROM tokens WHERE user = ${nodeUser}`,
    sql`INSERT INTO tokens (hash, user, uid, groups, expires_at, description, created_at)
      VALUES (${await sha256Hex(token)}, ${nodeUser}, ${crypto.randomUUID()}, ${JSON.stringify(NODE_GROUPS)}, NULL, ${`node credential, issued to ${user.name}`}, ${now})`,
  ]);
  // Other isolates may keep accepting a revoked token for up to the token cache's lifetime (10 s).
  forgetUser(nodeUser);
  console.log(JSON.stringify({ msg: 'node credential issued', node: nodeName, by: user.name }));
  return c.json({ kind: 'NodeCredential', apiVersion: `${GROUP}/v1`, nodeName, user: nodeUser, groups: NODE_GROUPS, token }, 201);
});
