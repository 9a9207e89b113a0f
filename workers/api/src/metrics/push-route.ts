// PUT /apis/kubeflare.dev/v1/nodes/<node>/metrics: a node agent reports its latest usage sample.
// Only the node itself (system:node:<node> in group system:nodes) may report for <node>, so one
// node's credential cannot fake another's load; system:masters may too (tests, tools). Bad bodies
// are refused (400 for unreadable JSON, 422 for a wrong shape) and nothing is stored.
import { Hono } from 'hono';
import { forbidden, invalid } from '../../../kube/status';
import { dns1123Subdomain } from '../../../kube/validation/names';
import type { AppEnv } from '../app-env';
import type { UserInfo } from '../auth/user';
import { decodeJson, readBodyText } from '../request/body';
import { causesOf, nodeSample } from './sample';
import { metricsStore } from './store';

export const metricsPushRoutes = new Hono<AppEnv>();

const KIND = 'NodeMetricsSample';
const GROUP = 'kubeflare.dev';

export function mayPushFor(user: UserInfo, nodeName: string): boolean {
  if (user.groups.includes('system:masters')) return true;
  return user.name === `system:node:${nodeName}` && user.groups.includes('system:nodes');
}

metricsPushRoutes.put(`/apis/${GROUP}/v1/nodes/:node/metrics`, async (c) => {
  const nodeName = c.req.param('node');
  const user = c.var.user;
  if (!mayPushFor(user, nodeName)) {
    await c.req.raw.arrayBuffer().catch(() => undefined);
    throw forbidden(`nodes "${nodeName}" is forbidden: User "${user.name}" cannot report metrics for this node`, { name: nodeName, group: GROUP, kind: 'nodes' });
  }
  const nameProblems = dns1123Subdomain(nodeName);
  if (nameProblems.length) throw invalid(KIND, GROUP, nodeName, nameProblems.map((message) => ({ reason: 'FieldValueInvalid', field: 'metadata.name', message })));
  const parsed = nodeSample.safeParse(decodeJson(await readBodyText(c.req.raw)));
  if (!parsed.success) throw invalid(KIND, GROUP, nodeName, causesOf(parsed.error));
  await metricsStore(c.env).put(nodeName, parsed.data);
  return c.json({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 });
});
