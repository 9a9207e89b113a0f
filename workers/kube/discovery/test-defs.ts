// Small hand-made ResourceDefs shared by the discovery and OpenAPI tests.
import { z } from 'zod';
import type { ResourceDef } from '../registry/types';
import { intOrString, kobject, labelSelector, mapList, quantity, time } from '../schemas/meta';

const container = z
  .strictObject({
    name: z.string().meta({ description: 'Name of the container.' }),
    image: z.string().optional(),
    port: intOrString().optional(),
    cpu: quantity().optional(),
    pullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).optional(),
    startedAt: time().optional(),
  })
  .meta({ id: 'io.k8s.api.core.v1.Container', description: 'A single application container.' });

const podSpec = z
  .strictObject({ containers: mapList(container), nodeName: z.string().optional() })
  .meta({ id: 'io.k8s.api.core.v1.PodSpec', description: 'PodSpec is a description of a pod.' });

export const podDef: ResourceDef = {
  group: '',
  version: 'v1',
  kind: 'Pod',
  plural: 'pods',
  singular: 'pod',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  status: true,
  subresources: ['binding', 'eviction', 'log', 'exec', 'attach', 'portforward'],
  schema: kobject('io.k8s.api.core.v1.Pod', 'Pod is a collection of containers.', {
    spec: podSpec.optional(),
    status: z.strictObject({ phase: z.string().optional(), startTime: time().optional() }).meta({ id: 'io.k8s.api.core.v1.PodStatus' }).optional(),
  }),
};

export const namespaceDef: ResourceDef = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  plural: 'namespaces',
  singular: 'namespace',
  namespaced: false,
  shortNames: ['ns'],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  status: true,
  subresources: ['finalize'],
  schema: kobject('io.k8s.api.core.v1.Namespace', 'Namespace provides a scope for Names.', {
    spec: z.strictObject({ finalizers: z.array(z.string()).optional() }).optional(),
  }),
};

const deploymentSpec = z
  .strictObject({
    replicas: z.int32().optional(),
    selector: labelSelector,
    template: z.strictObject({ spec: podSpec.optional() }).meta({ id: 'io.k8s.api.core.v1.PodTemplateSpec' }),
    paused: z.union([z.boolean(), z.string()]).optional(),
    // A self-reference through z.lazy would be a cycle; a plain nested record is enough here.
    extra: z.record(z.string(), z.number()).optional(),
  })
  .meta({ id: 'io.k8s.api.apps.v1.DeploymentSpec', description: 'DeploymentSpec is the specification of the desired behavior of the Deployment.' });

export const deploymentDef: ResourceDef = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  plural: 'deployments',
  singular: 'deployment',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  status: true,
  scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' },
  schema: kobject('io.k8s.api.apps.v1.Deployment', 'Deployment enables declarative updates for Pods and ReplicaSets.', {
    spec: deploymentSpec.optional(),
  }),
};

/** Same group as deployments, an older version: must sort after v1. */
export const deploymentBetaDef: ResourceDef = {
  ...deploymentDef,
  version: 'v1beta2',
  schema: kobject('io.k8s.api.apps.v1beta2.Deployment', 'Deployment (beta).', { spec: deploymentSpec.optional() }),
};

export const clusterRoleDef: ResourceDef = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'ClusterRole',
  plural: 'clusterroles',
  singular: 'clusterrole',
  namespaced: false,
  schema: kobject('io.k8s.api.rbac.v1.ClusterRole', 'ClusterRole is a cluster level role.', {
    rules: z.array(z.strictObject({ verbs: z.array(z.string()) }).meta({ id: 'io.k8s.api.rbac.v1.PolicyRule' })).optional(),
  }),
};

export const testDefs: ResourceDef[] = [podDef, namespaceDef, deploymentBetaDef, deploymentDef, clusterRoleDef];
