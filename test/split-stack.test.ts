// The local stack with the scheduler and the controllers in a workerd of their own (startStack's
// `split`): they reach the api worker over loopback HTTP and the watch channels poke them through
// their workers' `POST /poke`. A Deployment's pods must be created (controllers) and bound (scheduler)
// as in the one-process stack, promptly: the components' alarms alone (no pokes) would take seconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './eventually';
import { type TestStack, startTestStack } from './harness';

let stack: TestStack;
beforeAll(async () => {
  // Unless KUBEFLARE_SPLIT says otherwise (it overrides the option).
  stack = await startTestStack({}, { split: true });
});
afterAll(async () => {
  await stack?.close();
});

describe('split local stack', () => {
  it('runs the components in a second workerd', () => {
    if (process.env.KUBEFLARE_SPLIT === '0') return;
    expect(stack.componentsMf).not.toBe(stack.mf);
  });

  it('creates and binds a Deployment’s pods through pokes across the two processes', async () => {
    const capacity = { cpu: '4', memory: '8Gi', pods: '110' };
    const node = await stack.client.post('/api/v1/nodes', {
      metadata: { name: 'split-node', labels: { 'kubernetes.io/hostname': 'split-node' } },
      status: { capacity, allocatable: capacity, conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'ready' }] },
    });
    expect(node.status, node.text).toBe(201);
    const t = Date.now();
    const dep = await stack.client.post('/apis/apps/v1/namespaces/default/deployments', {
      metadata: { name: 'web' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
    });
    expect(dep.status, dep.text).toBe(201);
    const bound = await eventually(async () => {
      const pods = (await stack.client.get('/api/v1/namespaces/default/pods?labelSelector=app%3Dweb')).json.items as { spec: { nodeName?: string } }[];
      return pods.length === 3 && pods.every((p) => p.spec.nodeName === 'split-node') ? pods : undefined;
      // Without pokes the scheduler's alarm would bind them after ~10 s.
    }, 5_000, 'three bound pods (poked)');
    expect(bound).toHaveLength(3);
    console.info(`split stack: deployment → 3 bound pods in ${Date.now() - t} ms`);
  });

  it('refuses a malformed poke', async () => {
    if (stack.componentsMf === stack.mf) return;
    const scheduler = await stack.componentsMf.getWorker('kubeflare-scheduler');
    expect((await scheduler.fetch('http://scheduler.internal/poke?resource=pods&revision=x', { method: 'POST' })).status).toBe(400);
    const controllers = await stack.componentsMf.getWorker('kubeflare-controllers');
    expect((await controllers.fetch('http://controllers.internal/poke?name=nope&resource=pods&revision=1', { method: 'POST' })).status).toBe(400);
    expect((await controllers.fetch('http://controllers.internal/poke?name=deployment-controller&resource=pods&revision=1', { method: 'POST' })).status).toBe(204);
  });
});
