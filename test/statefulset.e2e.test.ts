// StatefulSets end to end with the real kubectl on simulated nodes: ordered creation with stable names
// and one claim per ordinal, ordered scale-down that keeps the claims, a rolling update, undo.
import { describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { eventually } from './eventually';
import { ok, useSimStack } from './support/sim-stack';
import type { WatchEvent } from './harness';

const env = useSimStack({ nodes: 3, namePrefix: 'sts' });
const k = (...args: string[]) => env.k(...args);
interface PodView {
  metadata: { name: string; deletionTimestamp?: string };
  spec: { hostname?: string; subdomain?: string; containers: { image: string }[]; volumes?: { persistentVolumeClaim?: { claimName: string } }[] };
  status?: { conditions?: { type: string; status: string }[] };
}
const pods = async () => ((await env.stack.client.get('/api/v1/namespaces/default/pods?labelSelector=app%3Ddb')).json.items as PodView[]).filter((p) => !p.metadata.deletionTimestamp);
const statefulSet = (image: string, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db' },
  spec: {
    replicas,
    serviceName: 'db',
    selector: { matchLabels: { app: 'db' } },
    template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image, resources: { requests: { cpu: '10m', memory: '16Mi' } } }] } },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
  },
});

describe('statefulsets', () => {
  it('creates db-0, db-1, db-2 in order, each with its own claim and DNS identity', async () => {
    const watch = env.stack.client.watch('/api/v1/namespaces/default/pods?watch=true&labelSelector=app%3Ddb');
    await watch.opened;
    ok(await k('apply', '-f', env.kubectl.file('sts.yaml', toYaml(statefulSet('db:1', 3)))));
    ok(await k('rollout', 'status', 'statefulset/db', '--timeout=60s'));
    const events: WatchEvent[] = watch.events;
    watch.stop();
    const added = events.filter((e) => e.type === 'ADDED').map((e) => e.object.metadata.name);
    expect(added).toEqual(['db-0', 'db-1', 'db-2']);
    const ps = await pods();
    expect(ps.map((p) => [p.metadata.name, p.spec.hostname, p.spec.subdomain])).toEqual([
      ['db-0', 'db-0', 'db'],
      ['db-1', 'db-1', 'db'],
      ['db-2', 'db-2', 'db'],
    ]);
    const claims = (await env.stack.client.get('/api/v1/namespaces/default/persistentvolumeclaims')).json.items.map((c: { metadata: { name: string } }) => c.metadata.name);
    expect(claims).toEqual(['data-db-0', 'data-db-1', 'data-db-2']);
    expect(ok(await k('get', 'statefulset', 'db'))).toMatch(/db\s+3\/3/);
  });

  it('provisions each claim (default local-path class) on the node its pod was scheduled to', async () => {
    const nodeOf = new Map((await pods()).map((p) => [p.metadata.name, (p.spec as { nodeName?: string }).nodeName]));
    for (const ordinal of [0, 1, 2]) {
      const c = await eventually(async () => {
        const x = (await env.stack.client.get(`/api/v1/namespaces/default/persistentvolumeclaims/data-db-${ordinal}`)).json;
        return x.status?.phase === 'Bound' ? x : undefined;
      });
      expect(c.spec.storageClassName).toBe('local-path');
      expect(c.metadata.annotations['volume.kubernetes.io/selected-node']).toBe(nodeOf.get(`db-${ordinal}`));
      const pv = (await env.stack.client.get(`/api/v1/persistentvolumes/${c.spec.volumeName}`)).json;
      expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values).toEqual([nodeOf.get(`db-${ordinal}`)]);
    }
  });

  it('scales down from the highest ordinal and keeps the claims', async () => {
    ok(await k('scale', 'statefulset/db', '--replicas=1'));
    await eventually(async () => ((await pods()).map((p) => p.metadata.name).join() === 'db-0' ? true : undefined));
    const claims = (await env.stack.client.get('/api/v1/namespaces/default/persistentvolumeclaims')).json.items;
    expect(claims).toHaveLength(3);
    ok(await k('scale', 'statefulset/db', '--replicas=3'));
    ok(await k('rollout', 'status', 'statefulset/db', '--timeout=60s'));
  });

  it('rolls out a new image from the highest ordinal down, and undoes it', async () => {
    ok(await k('set', 'image', 'statefulset/db', 'db=db:2'));
    ok(await k('rollout', 'status', 'statefulset/db', '--timeout=90s'));
    expect((await pods()).map((p) => p.spec.containers[0].image)).toEqual(['db:2', 'db:2', 'db:2']);
    expect(ok(await k('rollout', 'history', 'statefulset/db'))).toMatch(/^2\s/m);
    ok(await k('rollout', 'undo', 'statefulset/db'));
    ok(await k('rollout', 'status', 'statefulset/db', '--timeout=90s'));
    await eventually(async () => ((await pods()).every((p) => p.spec.containers[0].image === 'db:1') ? true : undefined));
  });
});
