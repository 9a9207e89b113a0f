// Pod Security admission through the API: enforce refuses, warn warns, templates only warn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack, startTestStack } from './harness';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  const ns = (name: string, labels: Record<string, string>) => stack.client.post('/api/v1/namespaces', { metadata: { name, labels } });
  await ns('locked', { 'pod-security.kubernetes.io/enforce': 'restricted' });
  await ns('warned', { 'pod-security.kubernetes.io/warn': 'baseline' });
});
afterAll(async () => {
  await stack?.close();
});

const pod = (name: string, spec: Record<string, unknown>, container: Record<string, unknown> = {}) => ({
  metadata: { name },
  spec: { schedulerName: 'none', ...spec, containers: [{ name: 'app', image: 'busybox', ...container }] },
});
/** The text of `Warning: 299 - "<quoted>"` headers, as kubectl prints it. */
const warnings = (h: string | string[] | undefined) => (Array.isArray(h) ? h : h ? [h] : []).map((w) => JSON.parse(w.replace(/^299 - /, '')) as string).join('\n');

const restricted = {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
};
const restrictedContainer = { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } };

describe('Pod Security admission', () => {
  it('refuses a pod that breaks the enforced level, with upstream wording', async () => {
    const r = await stack.client.post('/api/v1/namespaces/locked/pods', pod('priv', {}, { securityContext: { privileged: true } }));
    expect(r.status).toBe(403);
    expect(r.json.message).toMatch(/^pods "priv" is forbidden: violates PodSecurity "restricted:latest": /);
    expect(r.json.message).toContain('privileged (container "app" must not set securityContext.privileged=true)');
  });

  it('admits a pod that meets the restricted level', async () => {
    const r = await stack.client.post('/api/v1/namespaces/locked/pods', pod('ok', restricted, restrictedContainer));
    expect(r.status).toBe(201);
  });

  it('warns but admits under warn mode', async () => {
    const r = await stack.client.post('/api/v1/namespaces/warned/pods', pod('hostnet', { hostNetwork: true }));
    expect(r.status).toBe(201);
    expect(warnings(r.headers.warning)).toContain('would violate PodSecurity "baseline:latest": host namespaces (hostNetwork=true)');
  });

  it('only warns for a workload template in an enforcing namespace', async () => {
    const d = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'rooty' },
      spec: { replicas: 0, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'app', image: 'busybox' }] } } },
    };
    const r = await stack.client.post('/apis/apps/v1/namespaces/locked/deployments', d);
    expect(r.status).toBe(201);
    expect(warnings(r.headers.warning)).toContain('would violate PodSecurity "restricted:latest"');
  });
});
