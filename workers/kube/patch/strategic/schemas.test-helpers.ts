// Small schemas for this folder's tests: a Deployment shaped like upstream's, built with the same
// helpers the real resources use, so the tests do not wait for resources/apps.
import { z } from 'zod';
import { atomicList, intOrString, kobject, labelSelector, mapList, objectMeta, stringMap } from '../../schemas/meta';

const envVar = z.strictObject({
  name: z.string(),
  value: z.string().optional(),
  valueFrom: z.strictObject({ fieldRef: z.strictObject({ fieldPath: z.string() }).optional() }).optional(),
});
const port = z.strictObject({ containerPort: z.int32(), name: z.string().optional(), protocol: z.string().optional() });
const volumeMount = z.strictObject({ name: z.string(), mountPath: z.string(), readOnly: z.boolean().optional() });

export const container = z.strictObject({
  name: z.string(),
  image: z.string().optional(),
  args: atomicList(z.string()).optional(),
  env: mapList(envVar).optional(),
  ports: mapList(port, 'containerPort', { mapKeys: ['containerPort', 'protocol'] }).optional(),
  volumeMounts: mapList(volumeMount, 'mountPath').optional(),
  resources: z.strictObject({ limits: stringMap().optional(), requests: stringMap().optional() }).optional(),
});

const volume = z.strictObject({
  name: z.string(),
  configMap: z.strictObject({ name: z.string().optional() }).optional(),
  emptyDir: z.strictObject({ medium: z.string().optional() }).optional(),
  secret: z.strictObject({ secretName: z.string().optional() }).optional(),
});

const toleration = z.strictObject({ key: z.string().optional(), operator: z.string().optional(), effect: z.string().optional() });

export const podSpec = z.strictObject({
  containers: mapList(container),
  initContainers: mapList(container).optional(),
  // Like upstream PodSpec.volumes: merged by name, and each item's source is kept whole.
  volumes: z
    .array(volume)
    .optional()
    .meta({ 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge,retainKeys', 'x-kubernetes-list-type': 'map' }),
  tolerations: atomicList(toleration).optional(),
  nodeSelector: stringMap().optional(),
  hostname: z.string().optional(),
});

const strategy = z.strictObject({
  type: z.string().optional(),
  rollingUpdate: z.strictObject({ maxSurge: intOrString().optional(), maxUnavailable: intOrString().optional() }).optional(),
});

export const deployment = kobject('test.apps.v1.Deployment', 'A test Deployment.', {
  spec: z
    .strictObject({
      replicas: z.int32().optional(),
      selector: labelSelector.optional(),
      template: z.strictObject({ metadata: objectMeta.optional(), spec: podSpec.optional() }).optional(),
      strategy: strategy.optional().meta({ 'x-kubernetes-patch-strategy': 'retainKeys' }),
    })
    .optional(),
  status: z.record(z.string(), z.unknown()).optional(),
});

/** A live Deployment with two containers, as the server would hold it. */
export function liveDeployment() {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'default',
      labels: { app: 'web', tier: 'front' },
      annotations: { 'deployment.kubernetes.io/revision': '1' },
      finalizers: ['a.example.com/one', 'b.example.com/two'],
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx:1.25',
              args: ['-g', 'daemon off;'],
              env: [
                { name: 'MODE', value: 'blue' },
                { name: 'LOG', value: 'info' },
              ],
              ports: [
                { containerPort: 80, name: 'http' },
                { containerPort: 443, name: 'https' },
              ],
              volumeMounts: [
                { name: 'conf', mountPath: '/etc/nginx' },
                { name: 'cache', mountPath: '/var/cache' },
              ],
            },
            { name: 'sidecar', image: 'busybox:1.36' },
          ],
          volumes: [
            { name: 'conf', configMap: { name: 'nginx-conf' } },
            { name: 'cache', emptyDir: {} },
          ],
          tolerations: [{ key: 'a', operator: 'Exists' }],
        },
      },
    },
    status: { replicas: 1, conditions: [{ type: 'Available', status: 'True' }] },
  };
}
