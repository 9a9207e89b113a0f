import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../workers/kube/resources/core/pod';
import type { Container } from '../../../../workers/kube/resources/core/pod/container';
import { staticObjectSource } from '../objects';
import { expand, mappingFor, resolveEnv } from './index';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const objects = staticObjectSource({
  configMaps: [{ metadata: { name: 'cfg', namespace: 'ns1' }, data: { A: '1', B: '2', 'bad=key': 'x' } }],
  secrets: [{ metadata: { name: 'sec', namespace: 'ns1' }, data: { PASS: b64('hunter2') } }],
});
const ctx = { nodeName: 'node-a', hostIP: '10.0.0.1', podIPs: ['10.1.0.5', 'fd00::5'] };

function podWith(c: Partial<Container>): { pod: Pod; container: Container } {
  const container = { name: 'app', image: 'busybox', ...c } as Container;
  const pod = {
    metadata: { name: 'web-1', namespace: 'ns1', uid: 'u-1', labels: { app: 'web', tier: 'fe' }, annotations: { note: 'hi' } },
    spec: { containers: [container], serviceAccountName: 'sa1' },
  } as Pod;
  return { pod, container };
}

async function envOf(c: Partial<Container>, extra: Partial<typeof ctx> & { allocatable?: Record<string, string> } = {}) {
  const { pod, container } = podWith(c);
  const r = await resolveEnv(pod, container, objects, { ...ctx, ...extra });
  if (!r.ok) throw new Error(r.message);
  return Object.fromEntries(r.env.map((e) => [e.name, e.value]));
}

async function errorOf(c: Partial<Container>) {
  const { pod, container } = podWith(c);
  const r = await resolveEnv(pod, container, objects, ctx);
  return r.ok ? 'ok' : `${r.reason}: ${r.message}`;
}

describe('expand', () => {
  const m = mappingFor(new Map([['A', 'x'], ['EMPTY', '']]));
  it.each([
    ['$(A)', 'x'],
    ['pre-$(A)-post', 'pre-x-post'],
    ['$$(A)', '$(A)'],
    ['$$$(A)', '$x'],
    ['$(MISSING)', '$(MISSING)'],
    ['$(EMPTY)z', 'z'],
    ['$(A', '$(A'],
    ['$A', '$A'],
    ['end$', 'end$'],
    ['$()', '$()'],
  ])('expands %j to %j', (input, want) => {
    expect(expand(input, m)).toBe(want);
  });
});

describe('resolveEnv', () => {
  it('puts envFrom first with prefix, skips invalid keys, and lets env override', async () => {
    const { pod, container } = podWith({
      envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'P_' }, { secretRef: { name: 'sec' } }],
      env: [{ name: 'P_A', value: 'override' }],
    });
    const r = await resolveEnv(pod, container, objects, ctx);
    expect(r).toEqual({
      ok: true,
      env: [
        { name: 'P_A', value: 'override' },
        { name: 'P_B', value: '2' },
        { name: 'PASS', value: 'hunter2' },
      ],
      invalidKeys: ['P_bad=key'],
    });
  });

  it('expands references to earlier variables only, leaving later ones as written', async () => {
    const env = await envOf({
      env: [
        { name: 'X', value: 'one' },
        { name: 'Y', value: '$(X)-$(Z)-$$(X)' },
        { name: 'Z', value: 'three' },
      ],
    });
    expect(env.Y).toBe('one-$(Z)-$(X)');
  });

  it('does not expand values taken from a ConfigMap', async () => {
    const objs = staticObjectSource({ configMaps: [{ metadata: { name: 'c', namespace: 'ns1' }, data: { V: '$(HOME)' } }] });
    const { pod, container } = podWith({ env: [{ name: 'HOME', value: '/root' }, { name: 'V', valueFrom: { configMapKeyRef: { name: 'c', key: 'V' } } }] });
    const r = await resolveEnv(pod, container, objs, ctx);
    expect(r.ok && r.env.find((e) => e.name === 'V')?.value).toBe('$(HOME)');
  });

  it.each([
    ['metadata.name', 'web-1'],
    ['metadata.namespace', 'ns1'],
    ['metadata.uid', 'u-1'],
    ["metadata.labels['app']", 'web'],
    ["metadata.labels['none']", ''],
    ["metadata.annotations['note']", 'hi'],
    ['metadata.labels', 'app="web"\ntier="fe"'],
    ['spec.nodeName', 'node-a'],
    ['spec.serviceAccountName', 'sa1'],
    ['status.hostIP', '10.0.0.1'],
    ['status.hostIPs', '10.0.0.1'],
    ['status.podIP', '10.1.0.5'],
    ['status.podIPs', '10.1.0.5,fd00::5'],
  ])('reads fieldRef %s', async (fieldPath, want) => {
    const env = await envOf({ env: [{ name: 'V', valueFrom: { fieldRef: { fieldPath } } }] });
    expect(env.V).toBe(want);
  });

  it('fails on an unsupported fieldRef', async () => {
    expect(await errorOf({ env: [{ name: 'V', valueFrom: { fieldRef: { fieldPath: 'spec.bogus' } } }] })).toBe(
      'CreateContainerConfigError: unsupported fieldPath: spec.bogus',
    );
  });

  it.each([
    ['limits.cpu', undefined, '2'],
    ['limits.cpu', '1m', '1500'],
    ['requests.cpu', '1m', '250'],
    ['requests.cpu', undefined, '1'],
    ['limits.memory', undefined, '134217728'],
    ['limits.memory', '1Mi', '128'],
    ['requests.memory', '1Gi', '1'],
    ['limits.ephemeral-storage', '1Gi', '100'],
    ['requests.ephemeral-storage', undefined, '0'],
  ])('reads resourceFieldRef %s with divisor %s', async (resource, divisor, want) => {
    const env = await envOf(
      {
        resources: { limits: { cpu: '1500m', memory: '128Mi' }, requests: { cpu: '250m', memory: '64Mi' } },
        env: [{ name: 'V', valueFrom: { resourceFieldRef: { resource, ...(divisor ? { divisor } : {}) } } }],
      },
      { allocatable: { cpu: '4', memory: '8Gi', 'ephemeral-storage': '100Gi' } },
    );
    expect(env.V).toBe(want);
  });

  it('defaults an unset limit to node allocatable', async () => {
    const env = await envOf({ env: [{ name: 'V', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } }] }, { allocatable: { cpu: '4' } });
    expect(env.V).toBe('4');
  });

  it('reads configMapKeyRef and secretKeyRef', async () => {
    const env = await envOf({
      env: [
        { name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'A' } } },
        { name: 'S', valueFrom: { secretKeyRef: { name: 'sec', key: 'PASS' } } },
      ],
    });
    expect(env).toEqual({ A: '1', S: 'hunter2' });
  });

  it('skips optional references that are missing', async () => {
    const env = await envOf({
      envFrom: [{ configMapRef: { name: 'nope', optional: true } }, { secretRef: { name: 'nope', optional: true } }],
      env: [
        { name: 'A', valueFrom: { configMapKeyRef: { name: 'nope', key: 'A', optional: true } } },
        { name: 'B', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'nokey', optional: true } } },
        { name: 'C', valueFrom: { secretKeyRef: { name: 'sec', key: 'nokey', optional: true } } },
        { name: 'D', value: 'kept' },
      ],
    });
    expect(env).toEqual({ D: 'kept' });
  });

  it.each([
    [{ envFrom: [{ configMapRef: { name: 'x' } }] }, 'configmap "x" not found'],
    [{ envFrom: [{ secretRef: { name: 'x' } }] }, 'secret "x" not found'],
    [{ env: [{ name: 'V', valueFrom: { configMapKeyRef: { name: 'x', key: 'k' } } }] }, 'configmap "x" not found'],
    [{ env: [{ name: 'V', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } }] }, "couldn't find key k in ConfigMap ns1/cfg"],
    [{ env: [{ name: 'V', valueFrom: { secretKeyRef: { name: 'x', key: 'k' } } }] }, 'secret "x" not found'],
    [{ env: [{ name: 'V', valueFrom: { secretKeyRef: { name: 'sec', key: 'k' } } }] }, "couldn't find key k in Secret ns1/sec"],
  ] as [Partial<Container>, string][])('fails a required missing source: %j', async (c, want) => {
    expect(await errorOf(c)).toBe(`CreateContainerConfigError: ${want}`);
  });

  it('adds service variables unless env defines the name, and lets values reference them', async () => {
    const { pod, container } = podWith({ env: [{ name: 'URL', value: 'http://$(DB_SERVICE_HOST)' }, { name: 'DB_SERVICE_PORT', value: '1' }] });
    const r = await resolveEnv(pod, container, objects, { ...ctx, serviceEnv: { DB_SERVICE_HOST: '10.96.0.9', DB_SERVICE_PORT: '5432' } });
    expect(r.ok && r.env).toEqual([
      { name: 'URL', value: 'http://10.96.0.9' },
      { name: 'DB_SERVICE_PORT', value: '1' },
      { name: 'DB_SERVICE_HOST', value: '10.96.0.9' },
    ]);
  });
});
