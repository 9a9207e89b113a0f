// The table for bad-input.test.ts: malformed or hostile requests, each breaking exactly one thing in an
// otherwise valid, realistic manifest, with what Kubernetes 1.32's apiserver answers. Where upstream's
// behaviour is not obvious the case carries a `note` naming the upstream code path the expectation comes from.

/** Manifests are plain JSON trees that the cases deliberately corrupt, so they are untyped on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = any;

export interface BadCase {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** Serialized with JSON.stringify. */
  body?: unknown;
  /** Sent byte for byte (takes precedence over body). */
  raw?: string | Buffer;
  /** Content-Type of the body; default application/json when there is a body; null sends none. */
  contentType?: string | null;
  headers?: Record<string, string>;
  /** Send the body with Transfer-Encoding: chunked instead of a Content-Length. */
  chunked?: boolean;
  /** undefined: the admin token; null: no Authorization header from the harness; string: that bearer token. */
  token?: string | null;
  status: number;
  reason: string;
  /** Substring the Status message must contain. */
  message?: string;
  /** Fields that must appear among details.causes[].field. */
  causes?: string[];
  /** Why this expectation (upstream code path), when it is not self-evident. */
  note?: string;
}

export const NS = '/api/v1/namespaces/default';
export const CM = `${NS}/configmaps`;
export const SECRETS = `${NS}/secrets`;
export const PODS = `${NS}/pods`;
export const SVCS = `${NS}/services`;
export const DEPLOYS = '/apis/apps/v1/namespaces/default/deployments';
export const NAMESPACES = '/api/v1/namespaces';

/** Objects created before the table runs; PUT/PATCH/DELETE/AlreadyExists cases address them. */
export const SEED = 'bi-seed';
/** One configmap per DELETE case that could wrongly succeed, so one wrong delete cannot mask another. */
export const DELETE_TARGETS = Array.from({ length: 11 }, (_, i) => `bi-del-${i + 1}`);

export const configMap = (name: string): Manifest => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels: { app: 'bad-input' }, annotations: { owner: 'qa' } },
  data: { 'app.properties': 'mode=green\n', LOG_LEVEL: 'info' },
});

export const secret = (name: string): Manifest => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name },
  type: 'Opaque',
  data: { password: 'cGFzc3dvcmQ=' },
  stringData: { username: 'admin' },
});

export const pod = (name: string): Manifest => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'web' } },
  spec: {
    restartPolicy: 'Always',
    containers: [
      {
        name: 'nginx',
        image: 'nginx:1.27',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        env: [{ name: 'MODE', value: 'green' }],
        resources: { requests: { cpu: '100m', memory: '64Mi' } },
      },
    ],
  },
});

export const deployment = (name: string): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate' },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
    },
  },
});

export const service = (name: string): Manifest => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
});

export const namespace = (name: string): Manifest => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { team: 'qa' } } });

/** A copy of `base` with one thing broken by `f`. */
export function broken(base: Manifest, f: (m: Manifest) => void): Manifest {
  const copy = structuredClone(base);
  f(copy);
  return copy;
}

/** The base manifests, each valid on its own (checked with dryRun before the table runs). */
export const BASES: { path: string; body: Manifest }[] = [
  { path: CM, body: configMap('bi-valid') },
  { path: SECRETS, body: secret('bi-valid') },
  { path: PODS, body: pod('bi-valid') },
  { path: DEPLOYS, body: deployment('bi-valid') },
  { path: SVCS, body: service('bi-valid') },
  { path: NAMESPACES, body: namespace('bi-valid') },
];

export const MiB = 1024 * 1024;
/** A ConfigMap just over the 3 MiB request limit (upstream MaxRequestBodyBytes = 3145728). */
export const oversized = (): string => JSON.stringify(broken(configMap('bi-huge'), (m) => (m.data.blob = 'x'.repeat(3 * MiB + 4096))));
export const OVERSIZED = oversized();
export const OVERSIZED_LEN = String(Buffer.byteLength(OVERSIZED));

export const cmJson = (name: string) => JSON.stringify(configMap(name));
export const STRICT = '?fieldValidation=Strict';
export const b64 = (s: string) => Buffer.from(s).toString('base64');

export const BAD = { status: 400, reason: 'BadRequest' } as const;
export const INVALID = { status: 422, reason: 'Invalid' } as const;
export const NOT_FOUND = { status: 404, reason: 'NotFound' } as const;
export const UNSUPPORTED = { status: 415, reason: 'UnsupportedMediaType' } as const;
export const NOT_ALLOWED = { status: 405, reason: 'MethodNotAllowed' } as const;
export const UNAUTHORIZED = { status: 401, reason: 'Unauthorized' } as const;
export const TOO_LARGE = { status: 413, reason: 'RequestEntityTooLarge' } as const;

export const post = (path: string, body: Manifest, expect: Omit<BadCase, 'name' | 'method' | 'path'>, name: string): BadCase => ({ name, method: 'POST', path, body, ...expect });
