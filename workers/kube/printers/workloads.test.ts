// Golden cells for apps, batch, autoscaling and policy kinds as `kubectl get -o wide` shows them.
import { describe, expect, it } from 'vitest';
import { columnsFor, rowFor } from './table';
import { DAY, HOUR, MIN, NOW, ago, def, meta } from './golden.testing';
import type { KObject } from '../registry/types';

const cells = (d: ReturnType<typeof def>, o: object) => rowFor(d, o as KObject, NOW).cells;
const headers = (d: ReturnType<typeof def>) => columnsFor(d).map((c) => (c.priority ? `(${c.name.toUpperCase()})` : c.name.toUpperCase()));
const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] } };

describe('apps', () => {
  it('deployments', () => {
    const D = def('apps', 'v1', 'Deployment');
    expect(headers(D)).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', '(CONTAINERS)', '(IMAGES)', '(SELECTOR)']);
    const d = { metadata: meta('web', 3 * MIN + 2), spec: { replicas: 3, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }] }, template }, status: { replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 } };
    expect(cells(D, d)).toEqual(['web', '2/3', 3, 2, '3m2s', 'nginx,log', 'nginx:1.27,busybox', 'app=web,tier in (be,fe)']);
    const fresh = { metadata: meta('new', 1), spec: { replicas: 1, selector: { matchLabels: { app: 'new' } }, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } } };
    expect(cells(D, fresh)).toEqual(['new', '0/1', 0, 0, '1s', 'c', 'i', 'app=new']);
  });

  it('replicasets', () => {
    const R = def('apps', 'v1', 'ReplicaSet');
    expect(headers(R)).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', '(CONTAINERS)', '(IMAGES)', '(SELECTOR)']);
    const r = { metadata: meta('web-5d8f7c', 2 * DAY), spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d8f7c' } }, template }, status: { replicas: 3, readyReplicas: 3 } };
    expect(cells(R, r)).toEqual(['web-5d8f7c', 3, 3, 3, '2d', 'nginx,log', 'nginx:1.27,busybox', 'app=web,pod-template-hash=5d8f7c']);
    const old = { metadata: meta('web-old', 2 * DAY), spec: { replicas: 0, selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }, { key: 'canary', operator: 'DoesNotExist' }] }, template }, status: { replicas: 0 } };
    expect(cells(R, old).slice(1, 4).concat(cells(R, old)[7])).toEqual([0, 0, 0, 'app,!canary']);
  });

  it('statefulsets', () => {
    const S = def('apps', 'v1', 'StatefulSet');
    expect(headers(S)).toEqual(['NAME', 'READY', 'AGE', '(CONTAINERS)', '(IMAGES)']);
    expect(cells(S, { metadata: meta('db', 7 * HOUR + 5 * MIN), spec: { replicas: 3, selector: { matchLabels: { app: 'db' } }, template: { spec: { containers: [{ name: 'pg', image: 'postgres:16' }] } } }, status: { readyReplicas: 1, replicas: 2 } })).toEqual(['db', '1/3', '7h5m', 'pg', 'postgres:16']);
  });

  it('daemonsets', () => {
    const DS = def('apps', 'v1', 'DaemonSet');
    expect(headers(DS)).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE', '(CONTAINERS)', '(IMAGES)', '(SELECTOR)']);
    const ds = { metadata: meta('kube-proxy', 30 * DAY), spec: { selector: { matchLabels: { 'k8s-app': 'kube-proxy' } }, template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.32.4' }] } } }, status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 } };
    expect(cells(DS, ds)).toEqual(['kube-proxy', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux', '30d', 'kube-proxy', 'registry.k8s.io/kube-proxy:v1.32.4', 'k8s-app=kube-proxy']);
    const noSel = { ...ds, spec: { ...ds.spec, template: { spec: { containers: [] } } } };
    expect(cells(DS, noSel)[6]).toBe('<none>');
  });

  it('controllerrevisions name their controller as kind.group/name', () => {
    const CR = def('apps', 'v1', 'ControllerRevision');
    expect(headers(CR)).toEqual(['NAME', 'CONTROLLER', 'REVISION', 'AGE']);
    const owner = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u', controller: true }];
    expect(cells(CR, { metadata: { ...meta('db-7f9c', DAY), ownerReferences: owner }, revision: 2 })).toEqual(['db-7f9c', 'statefulset.apps/db', 2, '24h']);
    expect(cells(CR, { metadata: meta('orphan', DAY), revision: 1 })[1]).toBe('<none>');
  });
});

describe('batch', () => {
  const J = def('batch', 'v1', 'Job');
  const job = (name: string, spec: object, status: object, extra: object = {}) => ({ metadata: { ...meta(name, 10 * MIN), ...extra }, spec: { template, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } }, ...spec }, status });

  it('headers', () => {
    expect(headers(J)).toEqual(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE', '(CONTAINERS)', '(IMAGES)', '(SELECTOR)']);
  });

  it.each([
    ['done', { completions: 1, parallelism: 1 }, { succeeded: 1, startTime: ago(10 * MIN), completionTime: ago(10 * MIN - 8), conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }] }, {}, ['Complete', '1/1', '8s']],
    ['running', { completions: 5, parallelism: 2 }, { succeeded: 2, active: 2, startTime: ago(4 * MIN) }, {}, ['Running', '2/5', '4m']],
    ['work-queue', { parallelism: 3 }, { active: 3, startTime: ago(30) }, {}, ['Running', '0/1 of 3', '30s']],
    ['not-started', { completions: 1, parallelism: 1, suspend: true }, { conditions: [{ type: 'Suspended', status: 'True' }] }, {}, ['Suspended', '0/1', '']],
    ['failed', { completions: 1, parallelism: 1 }, { failed: 6, startTime: ago(9 * MIN), conditions: [{ type: 'FailureTarget', status: 'True' }, { type: 'Failed', status: 'True' }] }, {}, ['Failed', '0/1', '9m']],
    ['failing', { completions: 1, parallelism: 1 }, { startTime: ago(60), conditions: [{ type: 'FailureTarget', status: 'True' }] }, {}, ['FailureTarget', '0/1', '60s']],
    ['deleting', { completions: 1, parallelism: 1 }, { startTime: ago(60), conditions: [{ type: 'Suspended', status: 'True' }] }, { deletionTimestamp: ago(1) }, ['Terminating', '0/1', '60s']],
  ])('%s', (name, spec, status, extra, expected) => {
    expect(cells(J, job(name, spec, status, extra))).toEqual([name, ...expected, '10m', 'nginx,log', 'nginx:1.27,busybox', 'batch.kubernetes.io/controller-uid=abc']);
  });

  it('cronjobs', () => {
    const CJ = def('batch', 'v1', 'CronJob');
    expect(headers(CJ)).toEqual(['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE', '(CONTAINERS)', '(IMAGES)', '(SELECTOR)']);
    const cj = { metadata: meta('hello', 3 * DAY), spec: { schedule: '*/5 * * * *', suspend: false, jobTemplate: { spec: { template } } }, status: { active: [{ name: 'hello-1' }], lastScheduleTime: ago(2 * MIN) } };
    expect(cells(CJ, cj)).toEqual(['hello', '*/5 * * * *', '<none>', 'False', 1, '2m', '3d', 'nginx,log', 'nginx:1.27,busybox', '<none>']);
    const tz = { metadata: meta('tz', 60), spec: { schedule: '0 9 * * 1', timeZone: 'Europe/Paris', suspend: true, jobTemplate: { spec: { template } } } };
    expect(cells(CJ, tz).slice(1, 6)).toEqual(['0 9 * * 1', 'Europe/Paris', 'True', 0, '<none>']);
  });
});

describe('autoscaling and policy', () => {
  it('horizontal pod autoscalers', () => {
    const H = def('autoscaling', 'v2', 'HorizontalPodAutoscaler');
    expect(headers(H)).toEqual(['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE']);
    const cpu = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } };
    const hpa = { metadata: meta('web', HOUR), spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 10, metrics: [cpu] }, status: { currentReplicas: 2, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 23, averageValue: '46m' } } }] } };
    expect(cells(H, hpa)).toEqual(['web', 'Deployment/web', 'cpu: 23%/50%', '1', 10, 2, '60m']);
    const mem = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '512Mi' } } };
    const pods = { type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '1k' } } };
    const ext = { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'Value', value: '30' } } };
    const fresh = { metadata: meta('api', 30), spec: { scaleTargetRef: { kind: 'StatefulSet', name: 'api' }, maxReplicas: 4, metrics: [cpu, mem, pods, ext] }, status: {} };
    expect(cells(H, fresh)).toEqual(['api', 'StatefulSet/api', 'cpu: <unknown>/50%, memory: <unknown>/512Mi + 2 more...', '<unset>', 4, 0, '30s']);
    const two = { ...fresh, spec: { ...fresh.spec, metrics: [pods, ext] }, status: { currentMetrics: [{ type: 'Pods', pods: { current: { averageValue: '800' } } }, { type: 'External', external: { current: { value: '12' } } }] } };
    expect(cells(H, two)[2]).toBe('800/1k, 12/30');
    expect(cells(H, { ...fresh, spec: { ...fresh.spec, metrics: [] } })[2]).toBe('<none>');
  });

  it('pod disruption budgets', () => {
    const P = def('policy', 'v1', 'PodDisruptionBudget');
    expect(headers(P)).toEqual(['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE']);
    expect(cells(P, { metadata: meta('web', 5), spec: { minAvailable: 2 }, status: { disruptionsAllowed: 1 } })).toEqual(['web', '2', 'N/A', 1, '5s']);
    expect(cells(P, { metadata: meta('db', 5), spec: { maxUnavailable: '25%' } })).toEqual(['db', 'N/A', '25%', 0, '5s']);
  });
});
