// The strategic merge patches kubectl sends (reference/kubectl-contract.md section 5) and the
// everyday list/map merges, applied to a live Deployment.
import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch } from './index';
import { deployment, liveDeployment } from './schemas.test-helpers';

// Fixtures are edited freely to state the expected result, so they are not typed.
type Live = any;
const podSpec = (d: Live) => d.spec.template.spec;
const nginx = (d: Live) => d.spec.template.spec.containers[0];

/** Freezes a value deeply, so any write to an input throws. */
function freeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) freeze(x);
    Object.freeze(v);
  }
  return v;
}

interface Case {
  name: string;
  patch: unknown;
  /** Turns a fresh live Deployment into the expected result. */
  want: (d: Live) => unknown;
}

const cases: Case[] = [
  {
    name: 'kubectl apply of an existing Deployment merges containers and env by name and keeps live-only items',
    patch: {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"Deployment"}' } },
      spec: {
        replicas: 3,
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'nginx' }],
            containers: [{ '$setElementOrder/env': [{ name: 'MODE' }], env: [{ name: 'MODE', value: 'green' }], name: 'nginx' }],
          },
        },
      },
    },
    want: (d) => {
      d.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'] = '{"kind":"Deployment"}';
      d.spec.replicas = 3;
      nginx(d).env[0].value = 'green';
      return d;
    },
  },
  {
    name: 'kubectl set image changes only that container image',
    patch: { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ image: 'nginx:1.27', name: 'nginx' }] } } } },
    want: (d) => {
      nginx(d).image = 'nginx:1.27';
      return d;
    },
  },
  {
    name: 'kubectl rollout restart adds the restartedAt template annotation',
    patch: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-02T15:04:05Z' } } } } },
    want: (d) => ({
      ...d,
      spec: { ...d.spec, template: { ...d.spec.template, metadata: { ...d.spec.template.metadata, annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-02T15:04:05Z' } } } },
    }),
  },
  {
    name: '$patch delete removes one container by merge key',
    patch: { spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } },
    want: (d) => {
      podSpec(d).containers.splice(1, 1);
      return d;
    },
  },
  {
    name: 'kubectl apply that drops a container sends an ordered delete',
    patch: { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ $patch: 'delete', name: 'sidecar' }] } } } },
    want: (d) => {
      podSpec(d).containers.splice(1, 1);
      return d;
    },
  },
  {
    name: '$patch replace in a list item replaces the whole list',
    patch: { spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } } } },
    want: (d) => {
      podSpec(d).containers = [{ name: 'only', image: 'x' }];
      return d;
    },
  },
  {
    name: 'finalizers merge as a set in patch order; a new value goes before the live-only ones, as upstream orders it',
    patch: { metadata: { finalizers: ['c.example.com/three', 'a.example.com/one'] } },
    want: (d) => {
      d.metadata.finalizers = ['c.example.com/three', 'a.example.com/one', 'b.example.com/two'];
      return d;
    },
  },
  {
    name: 'finalizers with $setElementOrder land in the requested order',
    patch: { metadata: { '$setElementOrder/finalizers': ['a.example.com/one', 'b.example.com/two', 'c.example.com/three'], finalizers: ['c.example.com/three'] } },
    want: (d) => {
      d.metadata.finalizers.push('c.example.com/three');
      return d;
    },
  },
  {
    name: '$deleteFromPrimitiveList removes values from finalizers',
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['a.example.com/one', 'not-there'] } },
    want: (d) => {
      d.metadata.finalizers = ['b.example.com/two'];
      return d;
    },
  },
  {
    name: 'kubectl apply of a primitive list: order, additions and deletions together',
    patch: {
      metadata: {
        '$setElementOrder/finalizers': ['b.example.com/two', 'c.example.com/three'],
        '$deleteFromPrimitiveList/finalizers': ['a.example.com/one'],
        finalizers: ['c.example.com/three'],
      },
    },
    want: (d) => {
      d.metadata.finalizers = ['b.example.com/two', 'c.example.com/three'];
      return d;
    },
  },
  {
    name: 'ports merge by containerPort',
    patch: { spec: { template: { spec: { containers: [{ name: 'nginx', ports: [{ containerPort: 443, name: 'tls' }, { containerPort: 8080 }] }] } } } },
    want: (d) => {
      nginx(d).ports = [{ containerPort: 80, name: 'http' }, { containerPort: 443, name: 'tls' }, { containerPort: 8080 }];
      return d;
    },
  },
  {
    name: 'volume mounts merge by mountPath',
    patch: { spec: { template: { spec: { containers: [{ name: 'nginx', volumeMounts: [{ mountPath: '/var/cache', readOnly: true }] }] } } } },
    want: (d) => {
      Object.assign(nginx(d).volumeMounts[1], { readOnly: true });
      return d;
    },
  },
  {
    name: 'null deletes a label; other labels stay',
    patch: { metadata: { labels: { tier: null, track: 'stable' } } },
    want: (d) => {
      d.metadata.labels = { app: 'web', track: 'stable' };
      return d;
    },
  },
  {
    name: 'null inside a merged container removes that field',
    patch: { spec: { template: { spec: { containers: [{ name: 'nginx', args: null, env: [{ name: 'LOG', value: null }] }] } } } },
    want: (d) => {
      delete nginx(d).args;
      delete nginx(d).env[1].value;
      return d;
    },
  },
  {
    name: 'atomic lists are replaced whole',
    patch: { spec: { template: { spec: { tolerations: [{ key: 'b' }], containers: [{ name: 'nginx', args: ['-v'] }] } } } },
    want: (d) => {
      podSpec(d).tolerations = [{ key: 'b' }];
      nginx(d).args = ['-v'];
      return d;
    },
  },
  {
    name: 'a new container without $setElementOrder goes first, with its nulls dropped',
    patch: { spec: { template: { spec: { containers: [{ name: 'debug', image: 'alpine', args: null }] } } } },
    want: (d) => {
      podSpec(d).containers.unshift({ name: 'debug', image: 'alpine' });
      return d;
    },
  },
  {
    name: 'kubectl apply adding a container puts it where $setElementOrder says',
    patch: { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }, { name: 'debug' }], containers: [{ name: 'debug', image: 'alpine' }] } } } },
    want: (d) => {
      podSpec(d).containers.push({ name: 'debug', image: 'alpine' });
      return d;
    },
  },
  {
    name: 'a volume source change with $retainKeys drops the old source',
    patch: {
      spec: {
        template: {
          spec: {
            '$setElementOrder/volumes': [{ name: 'conf' }, { name: 'cache' }],
            volumes: [{ $retainKeys: ['name', 'secret'], name: 'conf', secret: { secretName: 's' } }],
          },
        },
      },
    },
    want: (d) => {
      podSpec(d).volumes[0] = { name: 'conf', secret: { secretName: 's' } };
      return d;
    },
  },
  {
    name: 'strategy switch to Recreate with $retainKeys clears rollingUpdate',
    patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } },
    want: (d) => {
      d.spec.strategy = { type: 'Recreate' };
      return d;
    },
  },
  {
    name: '$patch replace on a map replaces that map',
    patch: { spec: { template: { metadata: { $patch: 'replace', labels: { app: 'new' } } } } },
    want: (d) => {
      d.spec.template.metadata = { labels: { app: 'new' } };
      return d;
    },
  },
  {
    name: '$patch delete on a map leaves an empty map, as upstream does',
    patch: { spec: { strategy: { $patch: 'delete' } } },
    want: (d) => {
      d.spec.strategy = {};
      return d;
    },
  },
  {
    name: '$patch merge on a map is the ordinary merge',
    patch: { metadata: { labels: { $patch: 'merge', tier: 'back' } } },
    want: (d) => {
      d.metadata.labels.tier = 'back';
      return d;
    },
  },
  {
    name: 'a free-form subtree (status: record of unknown) follows JSON merge patch',
    patch: { status: { conditions: [{ type: 'Progressing' }], readyReplicas: 1, replicas: null } },
    want: (d) => ({ ...d, status: { conditions: [{ type: 'Progressing' }], readyReplicas: 1 } }),
  },
  {
    name: 'a null patch changes nothing',
    patch: null,
    want: (d) => d,
  },
];

describe('applyStrategicMergePatch with kubectl patches', () => {
  it.each(cases)('$name', ({ patch, want }) => {
    const live = freeze(liveDeployment());
    const got = applyStrategicMergePatch(live, freeze(patch), deployment);
    expect(got).toEqual(want(liveDeployment()));
    expect(got).not.toBe(live);
  });

  it('returns a document that shares nothing with its inputs', () => {
    const live = liveDeployment();
    const patch = { spec: { template: { spec: { containers: [{ name: 'debug', env: [{ name: 'A', value: '1' }] }] } } } };
    const got = applyStrategicMergePatch(live, patch, deployment) as Live;
    podSpec(got).containers[0].env.push({ name: 'B', value: '2' });
    nginx(got).image = 'changed';
    got.metadata.labels.app = 'changed';
    expect(patch.spec.template.spec.containers[0].env).toHaveLength(1);
    expect(live).toEqual(liveDeployment());
  });
});
