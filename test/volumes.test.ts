// Persistent volumes end to end: static binding by size/class, the default local-path class waiting
// for its first consumer and provisioning a node-pinned volume, and reclaim policies on claim deletion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './eventually';
import { type TestStack, startTestStack } from './harness';
import { Kubectl } from './kubectl';

let stack: TestStack;
let kubectl: Kubectl;
beforeAll(async () => {
  stack = await startTestStack();
  kubectl = new Kubectl(stack.kubeconfig);
});
afterAll(async () => {
  kubectl?.close();
  await stack?.close();
});

const PVCS = '/api/v1/namespaces/default/persistentvolumeclaims';
const PVS = '/api/v1/persistentvolumes';
const claim = (name: string, storageClassName?: string) => ({
  metadata: { name },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...(storageClassName !== undefined ? { storageClassName } : {}) },
});
const get = async (path: string) => (await stack.client.get(path)).json;

describe('persistent volumes', () => {
  it('binds a claim to the smallest fitting volume of its class, both ways', async () => {
    for (const [name, size] of [['pv-big', '10Gi'], ['pv-small', '2Gi']]) {
      const r = await stack.client.post(PVS, { metadata: { name }, spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], storageClassName: 'manual', persistentVolumeReclaimPolicy: 'Retain', hostPath: { path: `/srv/${name}` } } });
      expect(r.status).toBe(201);
    }
    // Only Available volumes are matched (as upstream's findMatchingVolume): wait until the controller says so.
    for (const name of ['pv-big', 'pv-small']) await eventually(async () => ((await get(`${PVS}/${name}`)).status?.phase === 'Available' ? true : undefined));
    expect((await stack.client.post(PVCS, claim('static', 'manual'))).status).toBe(201);
    const pvc = await eventually(async () => {
      const c = await get(`${PVCS}/static`);
      return c.status?.phase === 'Bound' ? c : undefined;
    });
    expect(pvc.spec.volumeName).toBe('pv-small');
    expect(pvc.status).toMatchObject({ capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'] });
    const pv = await eventually(async () => {
      const v = await get(`${PVS}/pv-small`);
      return v.status?.phase === 'Bound' ? v : undefined;
    });
    expect(pv.spec.claimRef).toMatchObject({ namespace: 'default', name: 'static', uid: pvc.metadata.uid });
    const out = await kubectl.run(['get', 'pvc', 'static']);
    expect(out.stdout).toMatch(/static\s+Bound\s+pv-small\s+2Gi\s+RWO\s+manual/);
  });

  it('gives a claim without a class the default local-path class, which waits for its first consumer', async () => {
    expect((await stack.client.post(PVCS, claim('local'))).status).toBe(201);
    const c = await get(`${PVCS}/local`);
    expect(c.spec.storageClassName).toBe('local-path');
    await eventually(async () => {
      const events = (await get('/api/v1/namespaces/default/events')).items as { reason: string; involvedObject: { name: string } }[];
      return events.some((e) => e.reason === 'WaitForFirstConsumer' && e.involvedObject.name === 'local') ? true : undefined;
    });
    expect((await get(`${PVCS}/local`)).status.phase).toBe('Pending');
  });

  it('provisions a volume pinned to the selected node and binds it', async () => {
    const r = await stack.client.patch(`${PVCS}/local`, { metadata: { annotations: { 'volume.kubernetes.io/selected-node': 'n1' } } });
    expect(r.status).toBe(200);
    const c = await eventually(async () => {
      const x = await get(`${PVCS}/local`);
      return x.status?.phase === 'Bound' ? x : undefined;
    });
    expect(c.spec.volumeName).toBe(`pvc-${c.metadata.uid}`);
    const pv = await get(`${PVS}/${c.spec.volumeName}`);
    expect(pv.spec).toMatchObject({ storageClassName: 'local-path', persistentVolumeReclaimPolicy: 'Delete', hostPath: { type: 'DirectoryOrCreate' } });
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0]).toEqual({ key: 'kubernetes.io/hostname', operator: 'In', values: ['n1'] });
  });

  it('deletes a Delete-policy volume with its claim and releases a Retain one', async () => {
    const local = await get(`${PVCS}/local`);
    expect((await stack.client.delete(`${PVCS}/local`)).status).toBe(200);
    expect((await stack.client.delete(`${PVCS}/static`)).status).toBe(200);
    await eventually(async () => ((await stack.client.get(`${PVS}/${local.spec.volumeName}`)).status === 404 ? true : undefined));
    await eventually(async () => ((await get(`${PVS}/pv-small`)).status?.phase === 'Released' ? true : undefined));
  });
});
