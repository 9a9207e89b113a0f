// The whole control loop with the real kubectl: apply a Deployment, the scheduler places its pods on
// simulated nodes that run them, `kubectl rollout status` succeeds; a rolling update stays within
// maxSurge/maxUnavailable at every observed moment; history, undo, and a deleted pod is replaced.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { createNodeFetcher, type NodeFetcher } from '../agent/src/http';
import { SimCluster } from '../agent/src/sim';
import { ApiClient } from '../workers/kube/client';
import { type TestStack, startTestStack } from './harness';
import { Kubectl, type KubectlResult } from './kubectl';
import { eventually } from './eventually';

let stack: TestStack;
let fetcher: NodeFetcher;
let sim: SimCluster;
let kubectl: Kubectl;

beforeAll(async () => {
  stack = await startTestStack();
  fetcher = createNodeFetcher({ caPem: stack.caPem });
  const api = new ApiClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'sim-test' });
  sim = new SimCluster({ api, nodes: { count: 5, zones: 2 }, markRunning: true, heartbeatSeconds: 5 });
  await sim.start();
  kubectl = new Kubectl(stack.kubeconfig);
});
afterAll(async () => {
  kubectl?.close();
  await sim?.stop(5_000);
  fetcher?.close();
  await stack?.close();
});

const k = (...args: string[]) => kubectl.run(args, 60_000);
function ok(r: KubectlResult): string {
  expect(r.code, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
  return r.stdout;
}
const deployment = (image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'roll' },
  spec: {
    replicas: 4,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } },
    selector: { matchLabels: { app: 'roll' } },
    template: { metadata: { labels: { app: 'roll' } }, spec: { containers: [{ name: 'web', image, resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } },
  },
});

interface PodView {
  metadata: { name: string; deletionTimestamp?: string; labels: Record<string, string> };
  status?: { conditions?: { type: string; status: string }[] };
}
const ready = (p: PodView) => !p.metadata.deletionTimestamp && (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

describe('rollouts on simulated nodes', () => {
  it('applies a Deployment and kubectl rollout status succeeds', async () => {
    ok(await k('apply', '-f', kubectl.file('roll.yaml', toYaml(deployment('nginx:1.27')))));
    expect(ok(await k('rollout', 'status', 'deployment/roll', '--timeout=60s'))).toContain('deployment "roll" successfully rolled out');
    const pods = JSON.parse(ok(await k('get', 'pods', '-l', 'app=roll', '-o', 'json'))).items as PodView[];
    expect(pods.filter(ready)).toHaveLength(4);
  });

  it('rolls out a new image within maxSurge and maxUnavailable at every observed moment', async () => {
    const samples: { total: number; available: number }[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const items = (await stack.client.get('/api/v1/namespaces/default/pods?labelSelector=app%3Droll')).json.items as PodView[];
        const live = items.filter((p) => !p.metadata.deletionTimestamp);
        samples.push({ total: live.length, available: live.filter(ready).length });
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    ok(await k('set', 'image', 'deployment/roll', 'web=nginx:1.28'));
    expect(ok(await k('rollout', 'status', 'deployment/roll', '--timeout=60s'))).toContain('successfully rolled out');
    sampling = false;
    await sampler;
    expect(samples.length).toBeGreaterThan(3);
    for (const s of samples) {
      expect(s.total).toBeLessThanOrEqual(4 + 1);
      expect(s.available).toBeGreaterThanOrEqual(4 - 1);
    }
    const d = JSON.parse(ok(await k('get', 'deployment', 'roll', '-o', 'json')));
    expect(d.status).toMatchObject({ replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
  });

  it('keeps history, undoes to the previous revision, and replaces a deleted pod', async () => {
    expect(ok(await k('rollout', 'history', 'deployment/roll'))).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    ok(await k('rollout', 'undo', 'deployment/roll'));
    expect(ok(await k('rollout', 'status', 'deployment/roll', '--timeout=60s'))).toContain('successfully rolled out');
    expect(ok(await k('get', 'deployment', 'roll', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'))).toBe('nginx:1.27');
    expect(ok(await k('rollout', 'history', 'deployment/roll'))).toMatch(/2\s+<none>\n3\s+<none>/);
    const victim = (JSON.parse(ok(await k('get', 'pods', '-l', 'app=roll', '-o', 'json'))).items as PodView[])[0].metadata.name;
    ok(await k('delete', 'pod', victim));
    expect(ok(await k('rollout', 'status', 'deployment/roll', '--timeout=60s'))).toContain('successfully rolled out');
    const after = (JSON.parse(ok(await k('get', 'pods', '-l', 'app=roll', '-o', 'json'))).items as PodView[]).filter(ready);
    expect(after).toHaveLength(4);
    expect(after.map((p) => p.metadata.name)).not.toContain(victim);
  });

  it('resumes and converges when the controller Durable Objects are reset in the middle of a rollout', async () => {
    const token = readFileSync(join(stack.stateDir, 'controllers-token'), 'utf8').trim();
    const controllers = await stack.componentsMf.getWorker('kubeflare-controllers');
    const restart = async (name: string) => {
      const r = await controllers.fetch(`http://controllers.internal/restart?name=${name}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
      expect(r.status, await r.text()).toBe(200);
    };
    ok(await k('set', 'image', 'deployment/roll', 'web=nginx:1.29'));
    // Mid-rollout: both controllers lose their memory (caches, queues, expectations).
    await new Promise((r) => setTimeout(r, 300));
    await restart('deployment-controller');
    await restart('replicaset-controller');
    expect(ok(await k('rollout', 'status', 'deployment/roll', '--timeout=90s'))).toContain('successfully rolled out');
    const live = (JSON.parse(ok(await k('get', 'pods', '-l', 'app=roll', '-o', 'json'))).items as PodView[]).filter(ready);
    expect(live).toHaveLength(4);
    const d = JSON.parse(ok(await k('get', 'deployment', 'roll', '-o', 'json')));
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.29');
    expect(d.status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
  });

  it('scales, and holds a template change while paused until resumed', async () => {
    ok(await k('scale', 'deployment/roll', '--replicas=6'));
    expect(ok(await k('rollout', 'status', 'deployment/roll', '--timeout=60s'))).toContain('successfully rolled out');
    expect((JSON.parse(ok(await k('get', 'pods', '-l', 'app=roll', '-o', 'json'))).items as PodView[]).filter(ready)).toHaveLength(6);
    ok(await k('rollout', 'pause', 'deployment/roll'));
    ok(await k('set', 'image', 'deployment/roll', 'web=nginx:1.30'));
    // Paused: no ReplicaSet for the new template, however long we wait for the controller.
    await new Promise((r) => setTimeout(r, 3_000));
    const images = () => k('get', 'replicasets', '-l', 'app=roll', '-o', 'jsonpath={range .items[*]}{.spec.template.spec.containers[0].image}={.spec.replicas} {end}');
    expect(ok(await images())).not.toContain('nginx:1.30');
    const paused = JSON.parse(ok(await k('get', 'deployment', 'roll', '-o', 'json')));
    expect(paused.status.conditions).toContainEqual(expect.objectContaining({ type: 'Progressing', reason: 'DeploymentPaused', status: 'Unknown' }));
    ok(await k('rollout', 'resume', 'deployment/roll'));
    expect(ok(await k('rollout', 'status', 'deployment/roll', '--timeout=90s'))).toContain('successfully rolled out');
    expect(ok(await images())).toContain('nginx:1.30=6');
  });

  it('deletes with kubectl: orphan keeps the ReplicaSets and pods, foreground returns once they are gone, and a namespace once it is empty', async () => {
    const apply = async (name: string, ns = 'default') => {
      const d = deployment('nginx:1.27');
      const body = { ...d, metadata: { name, namespace: ns }, spec: { ...d.spec, replicas: 2, selector: { matchLabels: { app: name } }, template: { ...d.spec.template, metadata: { labels: { app: name } } } } };
      const file = join(stack.stateDir, `${name}.json`);
      writeFileSync(file, JSON.stringify(body));
      ok(await k('apply', '-f', file));
      expect(ok(await k('rollout', 'status', `deployment/${name}`, '-n', ns, '--timeout=60s'))).toContain('successfully rolled out');
    };
    const count = async (what: string, label: string, ns = 'default') => (JSON.parse(ok(await k('get', what, '-n', ns, '-l', label, '-o', 'json'))).items as PodView[]).filter((o) => !o.metadata.deletionTimestamp).length;

    await apply('orphaned');
    ok(await k('delete', 'deployment', 'orphaned', '--cascade=orphan'));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await count('replicasets', 'app=orphaned')).toBe(1);
    expect(await count('pods', 'app=orphaned')).toBe(2);
    const rs = JSON.parse(ok(await k('get', 'replicasets', '-l', 'app=orphaned', '-o', 'json'))).items[0];
    expect(rs.metadata.ownerReferences ?? []).toEqual([]);

    await apply('fg');
    // kubectl waits until the Deployment is gone; with foreground deletion that is after its dependents.
    ok(await k('delete', 'deployment', 'fg', '--cascade=foreground', '--timeout=60s'));
    expect(await count('replicasets', 'app=fg')).toBe(0);
    expect(await count('pods', 'app=fg')).toBe(0);

    ok(await k('create', 'namespace', 'doomed'));
    await apply('inside', 'doomed');
    ok(await k('delete', 'namespace', 'doomed', '--timeout=90s'));
    const gone = await k('get', 'namespace', 'doomed');
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain('NotFound');
    const left = JSON.parse(ok(await k('get', 'pods', '-A', '-o', 'json'))).items.filter((p: { metadata: { namespace: string } }) => p.metadata.namespace === 'doomed');
    expect(left).toEqual([]);
  });

  it('switches a Service from blue to green as docs/blue-green.md shows', async () => {
    ok(await k('apply', '-f', join(process.cwd(), 'docs/examples/blue-green.yaml')));
    for (const d of ['web-blue', 'web-green']) expect(ok(await k('rollout', 'status', `deployment/${d}`, '--timeout=60s'))).toContain('successfully rolled out');
    const podIps = async (track: string) => (JSON.parse(ok(await k('get', 'pods', '-l', `app=web,track=${track}`, '-o', 'json'))).items as { status: { podIP: string } }[]).map((p) => p.status.podIP).sort();
    const sliceIps = async () =>
      (JSON.parse(ok(await k('get', 'endpointslices', '-l', 'kubernetes.io/service-name=web', '-o', 'json'))).items as { endpoints?: { addresses: string[] }[] }[])
        .flatMap((s) => (s.endpoints ?? []).flatMap((e) => e.addresses))
        .sort();
    const blue = await podIps('blue');
    const green = await podIps('green');
    expect(blue).toHaveLength(2);
    expect(green).toHaveLength(2);
    await eventually(async () => (JSON.stringify(await sliceIps()) === JSON.stringify(blue) ? true : undefined), 20_000, 'the slice to hold blue');
    ok(await k('patch', 'service', 'web', '-p', JSON.stringify({ spec: { selector: { app: 'web', track: 'green' } } })));
    await eventually(async () => (JSON.stringify(await sliceIps()) === JSON.stringify(green) ? true : undefined), 20_000, 'the slice to hold green');
  });
});
