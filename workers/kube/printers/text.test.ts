// The Table rendered as kubectl prints it, compared with text written out by hand.
import { describe, expect, it } from 'vitest';
import { renderTable } from './text';
import { tableFor } from './table';
import { DAY, HOUR, MIN, NOW, ago, def, meta } from './golden.testing';
import type { KObject } from '../registry/types';

const ready = [{ type: 'Ready', status: 'True' }];
const pods = [
  {
    metadata: meta('web-7d4b9c8f6d-x2x9k', 5 * MIN),
    spec: { nodeName: 'worker-1', containers: [{ name: 'nginx' }] },
    status: { phase: 'Running', podIP: '10.244.1.5', conditions: ready, containerStatuses: [{ name: 'nginx', ready: true, restartCount: 0, state: { running: {} } }] },
  },
  {
    metadata: meta('db-0', 10 * MIN),
    spec: { nodeName: 'worker-1', containers: [{ name: 'pg' }] },
    status: { phase: 'Running', podIP: '10.244.2.9', containerStatuses: [{ name: 'pg', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(2 * MIN) } } }] },
  },
] as KObject[];

const deployments = [
  { metadata: meta('web', 3 * MIN + 2), spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] } } }, status: { updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 } },
  { metadata: meta('api', 45 * DAY), spec: { replicas: 1, selector: { matchLabels: { app: 'api' } }, template: { spec: { containers: [{ name: 'api', image: 'ghcr.io/acme/api:v2' }] } } }, status: { updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 } },
] as KObject[];

const services = [
  { metadata: meta('kubernetes', 45 * DAY), spec: { type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] } },
  { metadata: meta('web', 2 * DAY + 3 * HOUR), spec: { type: 'NodePort', clusterIPs: ['10.96.120.7'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }], selector: { app: 'web' } } },
  { metadata: meta('lb', 90), spec: { type: 'LoadBalancer', clusterIPs: ['10.96.33.2'], ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }, { port: 80, nodePort: 30080, protocol: 'TCP' }], selector: { app: 'lb' } } },
] as KObject[];

const text = (lines: string[]) => lines.map((l) => `${l}\n`).join('');

describe('kubectl text output', () => {
  const podTable = tableFor(def('', 'v1', 'Pod'), pods, { now: NOW });
  const deployTable = tableFor(def('apps', 'v1', 'Deployment'), deployments, { now: NOW });
  const svcTable = tableFor(def('', 'v1', 'Service'), services, { now: NOW });

  it('kubectl get pods', () => {
    expect(renderTable(podTable)).toBe(
      text([
        'NAME                   READY   STATUS             RESTARTS     AGE',
        'web-7d4b9c8f6d-x2x9k   1/1     Running            0            5m',
        'db-0                   0/1     CrashLoopBackOff   3 (2m ago)   10m',
      ]),
    );
  });

  it('kubectl get pods -o wide', () => {
    expect(renderTable(podTable, { wide: true })).toBe(
      text([
        'NAME                   READY   STATUS             RESTARTS     AGE   IP           NODE       NOMINATED NODE   READINESS GATES',
        'web-7d4b9c8f6d-x2x9k   1/1     Running            0            5m    10.244.1.5   worker-1   <none>           <none>',
        'db-0                   0/1     CrashLoopBackOff   3 (2m ago)   10m   10.244.2.9   worker-1   <none>           <none>',
      ]),
    );
  });

  it('kubectl get deployments', () => {
    expect(renderTable(deployTable)).toBe(
      text([
        'NAME   READY   UP-TO-DATE   AVAILABLE   AGE',
        'web    2/3     3            2           3m2s',
        'api    1/1     1            1           45d',
      ]),
    );
  });

  it('kubectl get deployments -o wide', () => {
    expect(renderTable(deployTable, { wide: true })).toBe(
      text([
        'NAME   READY   UP-TO-DATE   AVAILABLE   AGE    CONTAINERS   IMAGES                SELECTOR',
        'web    2/3     3            2           3m2s   nginx,log    nginx:1.27,busybox    app=web',
        'api    1/1     1            1           45d    api          ghcr.io/acme/api:v2   app=api',
      ]),
    );
  });

  it('kubectl get services', () => {
    expect(renderTable(svcTable)).toBe(
      text([
        'NAME         TYPE           CLUSTER-IP    EXTERNAL-IP   PORT(S)                      AGE',
        'kubernetes   ClusterIP      10.96.0.1     <none>        443/TCP                      45d',
        'web          NodePort       10.96.120.7   <none>        80:30080/TCP                 2d3h',
        'lb           LoadBalancer   10.96.33.2    <pending>     443:31443/TCP,80:30080/TCP   90s',
      ]),
    );
  });

  it('kubectl get services -o wide', () => {
    expect(renderTable(svcTable, { wide: true })).toBe(
      text([
        'NAME         TYPE           CLUSTER-IP    EXTERNAL-IP   PORT(S)                      AGE    SELECTOR',
        'kubernetes   ClusterIP      10.96.0.1     <none>        443/TCP                      45d    <none>',
        'web          NodePort       10.96.120.7   <none>        80:30080/TCP                 2d3h   app=web',
        'lb           LoadBalancer   10.96.33.2    <pending>     443:31443/TCP,80:30080/TCP   90s    app=lb',
      ]),
    );
  });

  it('no headers, null cells empty, multi-line text cut, empty tables print nothing', () => {
    const t = tableFor(def('', 'v1', 'Pod'), pods.slice(0, 1), { now: NOW });
    expect(renderTable(t, { noHeaders: true })).toBe('web-7d4b9c8f6d-x2x9k   1/1   Running   0     5m\n');
    t.rows[0].cells = ['a\nb', null, 'x', 1, true];
    expect(renderTable(t, { noHeaders: true })).toBe('a...   ' + '      ' + 'x     1     true\n');
    expect(renderTable({ ...t, rows: [] })).toBe('');
  });
});
