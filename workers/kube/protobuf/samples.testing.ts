// Test data: a generator that fills every descriptor field with a non-zero value (so each field number and
// conversion is exercised), and realistic objects shaped like kubectl's typed commands produce.
import { REGISTRY } from './descriptors';
import type { FieldDesc, MapValueKind } from './types';

type Obj = Record<string, unknown>;

function scalar(kind: FieldDesc['kind'] | MapValueKind, name: string, i: number): unknown {
  switch (kind) {
    case 'string':
      return `${name}-${i}`;
    case 'bytes':
      return i % 2 ? 'AP8=' : 'aGVsbG8gd29ybGQ='; // [0x00, 0xff] and "hello world"
    case 'int32':
      return i % 2 ? -7 : 2147483647; // negative: 10-byte varint
    case 'int64':
      return i % 2 ? -5 : 1234567890123;
    case 'bool':
      return true;
    case 'double':
      return 0.5;
    case 'quantity':
      return i % 2 ? '250m' : '1Gi';
    case 'intOrString':
      return i % 2 ? 'http' : 8080;
    case 'time':
      return '2024-05-06T07:08:09Z';
    case 'microTime':
      return '2024-05-06T07:08:09.123456Z';
    case 'fieldsV1':
      return { 'f:metadata': { 'f:labels': { '.': {} } } };
    case 'rawExtension':
      return { a: 1 };
    case 'strings':
      return ['x', `y${i}`];
    default:
      throw new Error(`no sample for ${kind}`);
  }
}

/** Every field of `type` set to a non-zero value; nested messages filled down to `depth`. */
export function fullObject(type: string, depth = 0, into: Obj = {}): Obj {
  for (const f of Object.values(REGISTRY[type])) {
    if (f.kind === 'unsupported') continue;
    if (f.inline) {
      fullObject(f.type!, depth, into);
      continue;
    }
    if (f.kind === 'message' && depth >= 12) continue;
    const one = (i: number): unknown => (f.kind === 'message' ? fullObject(f.type!, depth + 1) : scalar(f.kind, f.name, i));
    if (f.kind === 'map') {
      const v = (i: number) => (f.value === 'message' ? fullObject(f.type!, depth + 1) : scalar(f.value!, f.name, i));
      into[f.name] = { a: v(0), 'b.c/d': v(1) };
    } else into[f.name] = f.repeated ? [one(0), one(1)] : one(0);
  }
  return into;
}

/** Objects as kubectl's create/run/auth/autoscale commands build them (before server defaulting). */
export const kubectlSamples: Record<string, Obj> = {
  'core.Namespace': { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' }, spec: {}, status: {} },
  'core.ConfigMap': {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cfg', namespace: 'default' },
    data: { 'app.properties': 'a=1\nb=2\n', empty: '' },
    binaryData: { 'logo.png': 'iVBORw0KGgo=' },
  },
  'core.Secret': {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: 'default' },
    data: { password: 'czNjcjN0', empty: '' },
    type: 'Opaque',
  },
  'core.ServiceAccount': { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'ci' } },
  'core.Service': {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 30080 }],
      selector: { app: 'web' },
      type: 'NodePort',
    },
    status: { loadBalancer: {} },
  },
  'core.Pod': {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'nginx', labels: { run: 'nginx' } },
    spec: {
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          args: ['--port', '80'],
          ports: [{ containerPort: 80 }],
          env: [{ name: 'MODE', value: 'prod' }, { name: 'EMPTY' }],
          resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '0' } },
          stdin: true,
          tty: true,
          imagePullPolicy: 'IfNotPresent',
        },
      ],
      restartPolicy: 'Never',
      dnsPolicy: 'ClusterFirst',
      priority: 0,
    },
    status: {},
  },
  'apps.Deployment': {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {}, ports: [{ containerPort: 80 }] }] },
      },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
    },
    status: {},
  },
  'batch.CronJob': {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'tick', namespace: 'default' },
    spec: {
      schedule: '*/1 * * * *',
      jobTemplate: {
        metadata: { name: 'tick' },
        spec: { template: { metadata: {}, spec: { containers: [{ name: 'tick', image: 'busybox', resources: {} }], restartPolicy: 'OnFailure' } } },
      },
    },
    status: {},
  },
  'rbac.ClusterRoleBinding': {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'admins' },
    subjects: [
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' },
      { kind: 'ServiceAccount', name: 'builder', namespace: 'ci' },
    ],
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
  },
  'authz.SelfSubjectAccessReview': {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    metadata: {},
    spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods' } },
    status: { allowed: false },
  },
  'authz.SelfSubjectRulesReview': {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectRulesReview',
    metadata: {},
    spec: { namespace: 'default' },
    status: { incomplete: false },
  },
  'net.Ingress': {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web' },
    spec: {
      ingressClassName: 'nginx',
      rules: [{ host: 'a.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
      tls: [{ hosts: ['a.example'], secretName: 'tls' }],
    },
    status: { loadBalancer: {} },
  },
  'policy.PodDisruptionBudget': {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web' },
    spec: { minAvailable: '50%', selector: { matchLabels: { app: 'web' } } },
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  },
  'sched.PriorityClass': {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'low' },
    value: -10,
    globalDefault: true,
    description: 'low priority',
    preemptionPolicy: 'Never',
  },
  'authn.TokenRequest': {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    metadata: { name: 'builder', namespace: 'ci' },
    spec: { audiences: ['https://kubernetes.default.svc'], expirationSeconds: 3600 },
    status: { token: '' },
  },
};
