// End to end on the local stack: pods with requests, node affinity (required with each operator,
// preferred), inter-pod affinity and anti-affinity, topology spread and taints land where upstream's
// scheduler puts them. (test/scheduler.test.ts covers nodeSelector, an Equal toleration, another
// schedulerName, a simple preemption and a burst; this file covers the rest of the filters and scores.)
//
// One cluster for the whole file, seven simulated nodes in three zones:
//   zone-a: a1 (disk=ssd), a2        zone-b: b1, b2 (disk=ssd)
//   zone-c: c1 (8 cpu), c2 (taint spot=true:PreferNoSchedule), g1 (accel=gpu, taint dedicated=gpu:NoSchedule)
// Every node has 4 cpu unless said otherwise, and a `cores` label for the Gt/Lt operators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundNode, createNs, createPod, getPod, GPU_TAINT, node, startSchedulerTestBed, unschedulable, type SchedulerTestBed } from './scheduler-fixtures';
import type { TestStack } from './harness';

let bed: SchedulerTestBed;
let stack: TestStack;

beforeAll(async () => {
  bed = await startSchedulerTestBed([
    node('a1', { zone: 'zone-a', labels: { disk: 'ssd', cores: '4' } }),
    node('a2', { zone: 'zone-a', labels: { cores: '4' } }),
    node('b1', { zone: 'zone-b', labels: { cores: '4' } }),
    node('b2', { zone: 'zone-b', labels: { disk: 'ssd', cores: '4' } }),
    node('c1', { zone: 'zone-c', cpu: '8', labels: { cores: '8' } }),
    node('c2', { zone: 'zone-c', labels: { cores: '4' }, taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] }),
    node('g1', { zone: 'zone-c', labels: { accel: 'gpu', cores: '4' }, taints: [GPU_TAINT] }),
  ]);
  stack = bed.stack;
});
afterAll(async () => {
  await bed?.close();
});

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const required = (...terms: { key: string; operator: string; values?: string[] }[][]) => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms.map((matchExpressions) => ({ matchExpressions })) } } },
});
const zoneOf = (n: string) => ({ a1: 'zone-a', a2: 'zone-a', b1: 'zone-b', b2: 'zone-b', c1: 'zone-c', c2: 'zone-c', g1: 'zone-c' })[n];

describe('scheduler placement (end to end)', () => {
  it('counts the requests of bound pods: a 5-cpu pod takes the only 8-cpu node, and a second one fits nowhere', async () => {
    await createNs(stack, 'req');
    await createPod(stack, 'req', 'big', { cpu: '5' });
    expect(await boundNode(stack, 'req', 'big')).toBe('c1');
    await createPod(stack, 'req', 'big2', { cpu: '5' });
    const c = await unschedulable(stack, 'req', 'big2');
    expect(c.reason).toBe('Unschedulable');
    // c1 has 3 of its 8 cpu left: it counts among the six nodes without room.
    expect(c.message).toMatch(/^0\/7 nodes are available: 1 node\(s\) had untolerated taint \{dedicated: gpu\}, 6 Insufficient cpu\. preemption: /);
    expect((await getPod(stack, 'req', 'big2')).spec.nodeName).toBeUndefined();
    expect((await stack.client.delete('/api/v1/namespaces/req/pods/big2')).status).toBe(200);
  });

  it('honours required node affinity with In, Exists, NotIn, Gt and Lt, terms ORed and expressions ANDed', async () => {
    await createNs(stack, 'naff');
    await createPod(stack, 'naff', 'in-exists', { cpu: '100m', spec: required([{ key: ZONE, operator: 'In', values: ['zone-a', 'zone-b'] }, { key: 'disk', operator: 'Exists' }]) });
    await createPod(stack, 'naff', 'notin', { cpu: '100m', spec: required([{ key: 'disk', operator: 'Exists' }, { key: HOST, operator: 'NotIn', values: ['a1'] }]) });
    await createPod(stack, 'naff', 'gt', { cpu: '100m', spec: required([{ key: 'cores', operator: 'Gt', values: ['4'] }]) });
    // First term matches only the tainted g1; the second (zone-c, fewer than 8 cores) c2 and g1: c2 it is.
    await createPod(stack, 'naff', 'ored', {
      cpu: '100m',
      spec: required([{ key: 'accel', operator: 'In', values: ['gpu'] }], [{ key: ZONE, operator: 'In', values: ['zone-c'] }, { key: 'cores', operator: 'Lt', values: ['8'] }]),
    });
    expect(['a1', 'b2']).toContain(await boundNode(stack, 'naff', 'in-exists'));
    expect(await boundNode(stack, 'naff', 'notin')).toBe('b2');
    expect(await boundNode(stack, 'naff', 'gt')).toBe('c1');
    expect(await boundNode(stack, 'naff', 'ored')).toBe('c2');
    // DoesNotExist over a label every node has: no node matches.
    await createPod(stack, 'naff', 'none', { cpu: '100m', spec: required([{ key: HOST, operator: 'DoesNotExist' }]) });
    const c = await unschedulable(stack, 'naff', 'none');
    expect(c.message).toBe("0/7 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 6 node(s) didn't match Pod's node affinity/selector. preemption: 0/7 nodes are available: 7 Preemption is not helpful for scheduling..");
  });

  it('follows preferred node affinity when the required part leaves a choice', async () => {
    await createNs(stack, 'pref');
    const preferB2 = { weight: 100, preference: { matchExpressions: [{ key: ZONE, operator: 'In', values: ['zone-b'] }, { key: 'disk', operator: 'In', values: ['ssd'] }] } };
    for (const name of ['p0', 'p1', 'p2'])
      await createPod(stack, 'pref', name, { cpu: '100m', spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [preferB2] } } } });
    for (const name of ['p0', 'p1', 'p2']) expect(await boundNode(stack, 'pref', name)).toBe('b2');
  });

  it('places pods next to the pods they require (per host and per zone) and apart from those they repel', async () => {
    await createNs(stack, 'paff');
    await createPod(stack, 'paff', 'db', { cpu: '100m', labels: { app: 'db' }, spec: { nodeSelector: { [HOST]: 'b1' } } });
    expect(await boundNode(stack, 'paff', 'db')).toBe('b1');
    const toDb = (topologyKey: string) => ({ labelSelector: { matchLabels: { app: 'db' } }, topologyKey });
    await createPod(stack, 'paff', 'web', { cpu: '100m', spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [toDb(HOST)] } } } });
    await createPod(stack, 'paff', 'cache', { cpu: '100m', spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [toDb(ZONE)] } } } });
    await createPod(stack, 'paff', 'near', {
      cpu: '100m',
      spec: { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: toDb(HOST) }] } } },
    });
    expect(await boundNode(stack, 'paff', 'web')).toBe('b1');
    expect(zoneOf(await boundNode(stack, 'paff', 'cache'))).toBe('zone-b');
    expect(await boundNode(stack, 'paff', 'near')).toBe('b1');
    // Affinity to a pod that exists nowhere (not even itself: its labels differ) fits no node.
    await createPod(stack, 'paff', 'lonely', {
      cpu: '100m',
      spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'ghost' } }, topologyKey: HOST }] } } },
    });
    expect((await unschedulable(stack, 'paff', 'lonely')).message).toContain("node(s) didn't match pod affinity rules");

    // One "solo" pod per zone; a fourth has no zone left, and a pod that merely carries the label is
    // kept out by the existing pods' anti-affinity.
    const apart = { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'solo' } }, topologyKey: ZONE }] } } };
    await Promise.all(['solo-0', 'solo-1', 'solo-2'].map((n) => createPod(stack, 'paff', n, { cpu: '100m', labels: { app: 'solo' }, spec: apart })));
    const zones = await Promise.all(['solo-0', 'solo-1', 'solo-2'].map(async (n) => zoneOf(await boundNode(stack, 'paff', n))));
    expect(zones.sort()).toEqual(['zone-a', 'zone-b', 'zone-c']);
    await createPod(stack, 'paff', 'solo-3', { cpu: '100m', labels: { app: 'solo' }, spec: apart });
    expect((await unschedulable(stack, 'paff', 'solo-3')).message).toMatch(
      /^0\/7 nodes are available: 1 node\(s\) had untolerated taint \{dedicated: gpu\}, 6 node\(s\) didn't match pod anti-affinity rules\. preemption: /,
    );
    await createPod(stack, 'paff', 'intruder', { cpu: '100m', labels: { app: 'solo' } });
    expect((await unschedulable(stack, 'paff', 'intruder')).message).toContain("6 node(s) didn't satisfy existing pods anti-affinity rules");
  });

  it('spreads pods over zones within maxSkew, whatever the number of nodes per zone', async () => {
    await createNs(stack, 'spread');
    const spec = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'spread' } } }] };
    const names = Array.from({ length: 7 }, (_, i) => `s${i}`);
    await Promise.all(names.map((n) => createPod(stack, 'spread', n, { cpu: '100m', labels: { app: 'spread' }, spec })));
    const perZone = new Map<string, number>();
    for (const n of names) {
      const z = zoneOf(await boundNode(stack, 'spread', n))!;
      perZone.set(z, (perZone.get(z) ?? 0) + 1);
    }
    const counts = ['zone-a', 'zone-b', 'zone-c'].map((z) => perZone.get(z) ?? 0);
    expect(counts.reduce((a, b) => a + b)).toBe(7);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);

    // With 7 pods one zone holds 3 and the others 2. Allowed that zone and one other, a pod goes to the
    // other (the default nodeAffinityPolicy Honor counts only the zones its affinity allows) ...
    const full = ['zone-a', 'zone-b', 'zone-c'].find((z) => perZone.get(z) === 3)!;
    const [other, third] = ['zone-a', 'zone-b', 'zone-c'].filter((z) => z !== full);
    const pinned = (zones: string[], policy?: string) => ({
      ...required([{ key: ZONE, operator: 'In', values: zones }]),
      topologySpreadConstraints: [{ ...spec.topologySpreadConstraints[0], ...(policy ? { nodeAffinityPolicy: policy } : {}) }],
    });
    await createPod(stack, 'spread', 'steered', { cpu: '100m', labels: { app: 'spread' }, spec: pinned([full, other]) });
    expect(zoneOf(await boundNode(stack, 'spread', 'steered'))).toBe(other);
    // ... and with nodeAffinityPolicy Ignore every zone counts: 4 in `full` against 2 in `third` is a skew of 2.
    await createPod(stack, 'spread', 'blocked', { cpu: '100m', labels: { app: 'spread' }, spec: pinned([full], 'Ignore') });
    expect((await unschedulable(stack, 'spread', 'blocked')).message).toContain("node(s) didn't match pod topology spread constraints");
    expect(perZone.get(third)).toBe(2);
  });

  it('avoids PreferNoSchedule taints when it can, and places a pod on a NoSchedule node only if it tolerates it', async () => {
    await createNs(stack, 'taint');
    const zoneC = { nodeSelector: { [ZONE]: 'zone-c' } };
    const names = ['t0', 't1', 't2'];
    for (const n of names) await createPod(stack, 'taint', n, { cpu: '100m', spec: zoneC });
    for (const n of names) expect(await boundNode(stack, 'taint', n)).toBe('c1');
    // An empty key with Exists tolerates every taint.
    await createPod(stack, 'taint', 'any', { cpu: '100m', spec: { nodeSelector: { accel: 'gpu' }, tolerations: [{ operator: 'Exists' }] } });
    expect(await boundNode(stack, 'taint', 'any')).toBe('g1');
    // Same key, other value: not tolerated.
    await createPod(stack, 'taint', 'wrong', {
      cpu: '100m',
      spec: { nodeSelector: { accel: 'gpu' }, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' }] },
    });
    expect((await unschedulable(stack, 'taint', 'wrong')).message).toMatch(/^0\/7 nodes are available: 1 node\(s\) had untolerated taint \{dedicated: gpu\}, 6 node\(s\) didn't match Pod's node affinity\/selector\./);
  });
});
