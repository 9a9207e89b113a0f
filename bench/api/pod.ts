// The pod payload both sides get: one container, labels, resources, env; ~1.5 KB of JSON. etcd stores
// exactly this text; our server stores it after defaulting (so its stored object is somewhat larger).

export function makePod(namespace: string, name: string, i: number): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels: { app: 'bench', tier: i % 3 === 0 ? 'frontend' : 'backend', shard: String(i % 16), 'app.kubernetes.io/version': 'v1.2.3' },
      annotations: { 'bench.kubeflare.dev/seq': String(i), 'bench.kubeflare.dev/owner': 'bench-api' },
    },
    spec: {
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      containers: [
        {
          name: 'app',
          image: 'registry.example.com/team/app:1.2.3',
          imagePullPolicy: 'IfNotPresent',
          command: ['/app/server'],
          args: ['--port=8080', '--log-level=info', `--instance=${name}`],
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          env: [
            { name: 'POD_INDEX', value: String(i) },
            { name: 'LOG_FORMAT', value: 'json' },
            { name: 'CACHE_SIZE_MB', value: '256' },
            { name: 'FEATURE_FLAGS', value: 'alpha=false,beta=true,gamma=false' },
            { name: 'UPSTREAM_URL', value: 'http://upstream.default.svc.cluster.local:8080/api/v1' },
            { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          ],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
          readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 },
          volumeMounts: [{ name: 'config', mountPath: '/etc/app', readOnly: true }],
        },
      ],
      volumes: [{ name: 'config', emptyDir: {} }],
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    },
  };
}

/** A copy of `obj` (a pod read back) with one annotation changed: the body of an update. */
export function touched(obj: Record<string, any>, round: number): Record<string, any> {
  const metadata = { ...obj.metadata, annotations: { ...obj.metadata?.annotations, 'bench.kubeflare.dev/round': String(round) } };
  return { ...obj, metadata };
}
