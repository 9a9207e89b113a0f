// The kubectl patches against the real apps/v1 Deployment schema, and the result still parses.
import { describe, expect, it } from 'vitest';
import { deployment } from '../../resources/apps';
import { applyStrategicMergePatch, schemaSupportsStrategicMerge } from './index';

const live = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, finalizers: ['a.example.com/one'] },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.25', env: [{ name: 'MODE', value: 'blue' }, { name: 'LOG', value: 'info' }], ports: [{ containerPort: 80 }] },
          { name: 'sidecar', image: 'busybox:1.36' },
        ],
      },
    },
  },
});

describe('strategic merge patch on the real Deployment schema', () => {
  it('supports strategic merge', () => {
    expect(schemaSupportsStrategicMerge(deployment)).toBe(true);
  });

  it('kubectl apply, set image and rollout restart compose into a valid Deployment', () => {
    const apply = {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } },
      spec: {
        replicas: 3,
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'nginx' }],
            containers: [{ '$setElementOrder/env': [{ name: 'MODE' }], env: [{ name: 'MODE', value: 'green' }], name: 'nginx' }],
          },
        },
      },
    };
    const setImage = { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ image: 'nginx:1.27', name: 'nginx' }] } } } };
    const restart = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-02T15:04:05Z' } } } } };
    const ports = { spec: { template: { spec: { containers: [{ name: 'nginx', ports: [{ containerPort: 80, name: 'http' }] }] } } } };
    const finalizers = { metadata: { '$deleteFromPrimitiveList/finalizers': ['a.example.com/one'] } };

    let doc: unknown = live();
    for (const p of [apply, setImage, restart, ports, finalizers]) doc = applyStrategicMergePatch(doc, p, deployment);

    const want = live();
    Object.assign(want.metadata, { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' }, finalizers: [] });
    want.spec.replicas = 3;
    Object.assign(want.spec.template.metadata, { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-02T15:04:05Z' } });
    const nginx = want.spec.template.spec.containers[0];
    nginx.image = 'nginx:1.27';
    nginx.env![0].value = 'green';
    nginx.ports = [{ containerPort: 80, name: 'http' } as { containerPort: number }];
    expect(doc).toEqual(want);
    expect(deployment.safeParse(doc).success).toBe(true);
  });

  it('drops a container with $patch delete', () => {
    const doc = applyStrategicMergePatch(live(), { spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } }, deployment);
    expect((doc as ReturnType<typeof live>).spec.template.spec.containers.map((c) => c.name)).toEqual(['nginx']);
  });
});
