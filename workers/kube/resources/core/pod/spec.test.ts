import { describe, it, expect } from 'vitest';
import { FieldErrors } from '../../../validation/field-errors';
import { podSpec, podTemplateSpec, defaultPodSpec, validatePodSpec, type PodSpec } from './spec';

const typical = {
  containers: [
    {
      name: 'web',
      image: 'nginx:1.27',
      ports: [{ containerPort: 80, name: 'http' }],
      env: [
        { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } },
        { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'sec', key: 'token' } } },
        { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      ],
      envFrom: [{ configMapRef: { name: 'cfg' } }, { secretRef: { name: 'sec', optional: true }, prefix: 'S_' }],
      resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
      livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 5 },
      readinessProbe: { tcpSocket: { port: 80 } },
      startupProbe: { exec: { command: ['cat', '/tmp/ready'] }, failureThreshold: 30 },
      lifecycle: { preStop: { sleep: { seconds: 5 } } },
      volumeMounts: [
        { name: 'data', mountPath: '/data' },
        { name: 'config', mountPath: '/etc/app', readOnly: true },
      ],
      securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
    },
  ],
  initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'true'] }],
  volumes: [
    { name: 'data', emptyDir: { sizeLimit: '1Gi' } },
    { name: 'config', configMap: { name: 'cfg', items: [{ key: 'a', path: 'a.txt' }] } },
    { name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'api' } }, { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }] } },
    { name: 'pvc', persistentVolumeClaim: { claimName: 'data' } },
    { name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } },
    { name: 'old', gcePersistentDisk: { pdName: 'x', fsType: 'ext4' } },
  ],
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
  affinity: {
    podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } } }] },
  },
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway' }],
};

const parse = (v: unknown) => podSpec.parse(structuredClone(v)) as PodSpec;

describe('podSpec', () => {
  it('accepts a typical spec strictly', () => {
    expect(podSpec.safeParse(typical).success).toBe(true);
    expect(podTemplateSpec.safeParse({ metadata: { labels: { app: 'web' } }, spec: typical }).success).toBe(true);
  });

  it('reports unknown fields deep inside containers', () => {
    const bad = structuredClone(typical) as any;
    bad.containers[0].livenessProbe.httpGet.bogus = 1;
    const r = podSpec.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['bogus'], path: ['containers', 0, 'livenessProbe', 'httpGet'] });
  });

  it('defaults like upstream', () => {
    const s = parse(typical);
    defaultPodSpec(s);
    expect(s).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', securityContext: {} });
    const c = s.containers[0];
    expect(c).toMatchObject({ terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' });
    expect(c.ports?.[0].protocol).toBe('TCP');
    expect(c.livenessProbe).toMatchObject({ timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3, httpGet: { scheme: 'HTTP' } });
    expect(c.env?.[2].valueFrom?.fieldRef?.apiVersion).toBe('v1');
    expect(s.initContainers?.[0].imagePullPolicy).toBe('Always');
    expect(s.volumes?.[1].configMap?.defaultMode).toBe(420);
    expect(s.volumes?.[4].ephemeral?.volumeClaimTemplate?.spec.volumeMode).toBe('Filesystem');
    expect(s.enableServiceLinks).toBeUndefined(); // pod-only default
  });

  it('validates a typical spec without errors', () => {
    const s = parse(typical);
    defaultPodSpec(s);
    const errs = new FieldErrors();
    validatePodSpec(s, 'spec.template.spec', errs);
    expect(errs.causes).toEqual([]);
  });

  it('reports semantic problems with upstream paths', () => {
    const s = parse({
      containers: [
        { name: 'Web', image: '', ports: [{ containerPort: 70000 }] },
        { name: 'b', image: 'x', volumeMounts: [{ name: 'missing', mountPath: '/m' }] },
        { name: 'b', image: 'x' },
      ],
      restartPolicy: 'Sometimes',
    });
    const errs = new FieldErrors();
    validatePodSpec(s, 'spec', errs);
    const byField = Object.fromEntries(errs.causes.map((c) => [c.field, c.reason]));
    expect(byField).toMatchObject({
      'spec.containers[0].name': 'FieldValueInvalid',
      'spec.containers[0].image': 'FieldValueRequired',
      'spec.containers[0].ports[0].containerPort': 'FieldValueInvalid',
      'spec.containers[1].volumeMounts[0].name': 'FieldValueNotFound',
      'spec.containers[2].name': 'FieldValueDuplicate',
      'spec.restartPolicy': 'FieldValueNotSupported',
    });
  });
});
