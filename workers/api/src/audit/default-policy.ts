// The built-in audit policy, modelled on upstream's example and GCE policies: the control plane's own
// high-volume reads and heartbeats are skipped, credentials-bearing kinds are Metadata only, reads are
// Metadata, writes are Request. An operator replaces it with the AUDIT_POLICY variable (JSON or YAML).
import type { Policy } from './policy';

export const DEFAULT_POLICY: Policy = {
  apiVersion: 'audit.k8s.io/v1',
  kind: 'Policy',
  omitStages: ['RequestReceived'],
  rules: [
    // The components follow the change log (GET /apis/kubeflare.dev/v1/changes, verb list) on every
    // poke and read through caches: their reads and events are noise.
    { level: 'None', users: ['system:kube-scheduler', 'system:kube-controller-manager'], verbs: ['get', 'list', 'watch'] },
    { level: 'None', users: ['system:kube-scheduler', 'system:kube-controller-manager'], resources: [{ group: '', resources: ['events'] }, { group: 'events.k8s.io', resources: ['events'] }, { group: 'kubeflare.dev', resources: ['events'] }] },
    // The scheduler's batch bindings: who and when (the pods' own changes say which node); a body of
    // up to 200 Bindings per request in every audit row would cost more than the bindings themselves.
    { level: 'Metadata', users: ['system:kube-scheduler'], resources: [{ group: 'kubeflare.dev', resources: ['bindings'] }] },
    // Node heartbeats (Leases every 10 s per node) and the agents' reads.
    { level: 'None', userGroups: ['system:nodes'], verbs: ['get', 'list', 'watch'] },
    { level: 'None', userGroups: ['system:nodes'], verbs: ['update', 'patch'], resources: [{ group: 'coordination.k8s.io', resources: ['leases'] }] },
    // Usage samples every 15 s per node (PUT /apis/kubeflare.dev/v1/nodes/<node>/metrics).
    { level: 'None', userGroups: ['system:nodes'], resources: [{ group: 'kubeflare.dev', resources: ['nodes/metrics'] }] },
    // Discovery and OpenAPI.
    { level: 'None', nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/openapi/*', '/version', '/healthz', '/livez', '/readyz'], verbs: ['get'] },
    { level: 'None', resources: [{ group: '', resources: ['events'] }, { group: 'events.k8s.io', resources: ['events'] }], verbs: ['create', 'update', 'patch'], userGroups: ['system:nodes', 'system:serviceaccounts'] },
    // Objects that may carry credentials: who and what, never the body (also enforced in code).
    {
      level: 'Metadata',
      resources: [
        { group: '', resources: ['secrets', 'configmaps', 'serviceaccounts/token'] },
        { group: 'authentication.k8s.io', resources: ['tokenreviews'] },
      ],
    },
    { level: 'Metadata', verbs: ['get', 'list', 'watch'] },
    { level: 'Request' },
  ],
};
