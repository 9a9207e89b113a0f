// Golden cells for core/v1 kinds (and discovery, events.k8s.io, storage) as `kubectl get -o wide` shows them.
import { describe, expect, it } from 'vitest';
import { columnsFor, rowFor } from './table';
import { DAY, HOUR, MIN, NOW, ago, def, meta } from './golden.testing';
import type { KObject } from '../registry/types';

const cells = (d: ReturnType<typeof def>, o: object) => rowFor(d, o as KObject, NOW).cells;
const headers = (d: ReturnType<typeof def>) => columnsFor(d).map((c) => (c.priority ? `(${c.name.toUpperCase()})` : c.name.toUpperCase()));

describe('nodes', () => {
  const NODE = def('', 'v1', 'Node');
  const info = { kubeletVersion: 'v1.32.4', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0-18-amd64', containerRuntimeVersion: 'containerd://1.7.13' };
  const addresses = [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'kind-control-plane' }];

  it('headers', () => {
    expect(headers(NODE)).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', '(INTERNAL-IP)', '(EXTERNAL-IP)', '(OS-IMAGE)', '(KERNEL-VERSION)', '(CONTAINER-RUNTIME)']);
  });

  it('ready control-plane node', () => {
    const n = { metadata: { ...meta('kind-control-plane', 10 * DAY), labels: { 'node-role.kubernetes.io/control-plane': '' } }, status: { conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }], addresses, nodeInfo: info } };
    expect(cells(NODE, n)).toEqual(['kind-control-plane', 'Ready', 'control-plane', '10d', 'v1.32.4', '172.18.0.2', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.1.0-18-amd64', 'containerd://1.7.13']);
  });

  it('cordoned, not ready, several roles, no info', () => {
    const labels = { 'node-role.kubernetes.io/worker': '', 'kubernetes.io/role': 'ingress', 'node-role.kubernetes.io/': '' };
    const n = { metadata: { ...meta('w1', 3 * HOUR), labels }, spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } };
    expect(cells(NODE, n)).toEqual(['w1', 'NotReady,SchedulingDisabled', 'ingress,worker', '3h', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });

  it('no Ready condition yet: Unknown, no roles', () => {
    expect(cells(NODE, { metadata: meta('new', 30) }).slice(0, 4)).toEqual(['new', 'Unknown', '<none>', '30s']);
  });
});

describe('namespaces, configmaps, secrets, serviceaccounts', () => {
  it('namespace', () => {
    expect(headers(def('', 'v1', 'Namespace'))).toEqual(['NAME', 'STATUS', 'AGE']);
    expect(cells(def('', 'v1', 'Namespace'), { metadata: meta('kube-system', 45 * DAY), status: { phase: 'Active' } })).toEqual(['kube-system', 'Active', '45d']);
    expect(cells(def('', 'v1', 'Namespace'), { metadata: meta('old', 2 * MIN), status: { phase: 'Terminating' } })).toEqual(['old', 'Terminating', '2m']);
  });

  it('configmap counts data and binaryData keys', () => {
    expect(headers(def('', 'v1', 'ConfigMap'))).toEqual(['NAME', 'DATA', 'AGE']);
    expect(cells(def('', 'v1', 'ConfigMap'), { metadata: meta('kube-root-ca.crt', 3 * DAY), data: { 'ca.crt': 'x', b: 'y' }, binaryData: { c: 'AA==' } })).toEqual(['kube-root-ca.crt', 3, '3d']);
    expect(cells(def('', 'v1', 'ConfigMap'), { metadata: meta('empty', 90) })).toEqual(['empty', 0, '90s']);
  });

  it('secret', () => {
    expect(headers(def('', 'v1', 'Secret'))).toEqual(['NAME', 'TYPE', 'DATA', 'AGE']);
    expect(cells(def('', 'v1', 'Secret'), { metadata: meta('tls', 200), type: 'kubernetes.io/tls', data: { 'tls.crt': 'x', 'tls.key': 'y' } })).toEqual(['tls', 'kubernetes.io/tls', 2, '3m20s']);
  });

  it('serviceaccount', () => {
    expect(headers(def('', 'v1', 'ServiceAccount'))).toEqual(['NAME', 'SECRETS', 'AGE']);
    expect(cells(def('', 'v1', 'ServiceAccount'), { metadata: meta('default', 12 * HOUR) })).toEqual(['default', 0, '12h']);
  });
});

describe('services, endpoints, endpointslices', () => {
  const SVC = def('', 'v1', 'Service');
  const svc = (name: string, spec: object, status: object = {}) => ({ metadata: meta(name, 2 * DAY + 3 * HOUR), spec, status });

  it('headers', () => {
    expect(headers(SVC)).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', '(SELECTOR)']);
  });

  it.each([
    ['kubernetes', { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] }, {}, ['ClusterIP', '10.96.0.1', '<none>', '443/TCP', '2d3h', '<none>']],
    ['dns', { type: 'ClusterIP', clusterIPs: ['10.96.0.10'], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }, { port: 9153, protocol: 'TCP' }], selector: { 'k8s-app': 'kube-dns' } }, {}, ['ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP,9153/TCP', '2d3h', 'k8s-app=kube-dns']],
    ['np', { type: 'NodePort', clusterIPs: ['10.96.5.5'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }], selector: { app: 'web', tier: 'fe' } }, {}, ['NodePort', '10.96.5.5', '<none>', '80:30080/TCP', '2d3h', 'app=web,tier=fe']],
    ['lb-pending', { type: 'LoadBalancer', clusterIPs: ['10.96.7.7'], ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] }, {}, ['LoadBalancer', '10.96.7.7', '<pending>', '80:31000/TCP', '2d3h', '<none>']],
    ['lb', { type: 'LoadBalancer', clusterIPs: ['10.96.7.8'], ports: [{ port: 443, nodePort: 31001, protocol: 'TCP' }] }, { loadBalancer: { ingress: [{ ip: '203.0.113.9' }, { hostname: 'a.example.com' }, { ip: '203.0.113.1' }] } }, ['LoadBalancer', '10.96.7.8', '203.0.113.1,203.0.113.9,a.example.com', '443:31001/TCP', '2d3h', '<none>']],
    ['lb-ext', { type: 'LoadBalancer', clusterIPs: ['10.96.7.9'], externalIPs: ['198.51.100.4'], ports: [{ port: 80, protocol: 'TCP' }] }, { loadBalancer: { ingress: [{ ip: '203.0.113.2' }] } }, ['LoadBalancer', '10.96.7.9', '203.0.113.2,198.51.100.4', '80/TCP', '2d3h', '<none>']],
    ['ext', { type: 'ExternalName', externalName: 'db.example.com' }, {}, ['ExternalName', '<none>', 'db.example.com', '<none>', '2d3h', '<none>']],
    ['headless', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], externalIPs: ['1.2.3.4', '5.6.7.8'], ports: [{ port: 5432, protocol: 'TCP' }] }, {}, ['ClusterIP', 'None', '1.2.3.4,5.6.7.8', '5432/TCP', '2d3h', '<none>']],
  ])('%s', (name, spec, status, rest) => {
    expect(cells(SVC, svc(name, spec, status))).toEqual([name, ...rest]);
  });

  it('endpoints list address:port pairs, at most three', () => {
    const EP = def('', 'v1', 'Endpoints');
    expect(headers(EP)).toEqual(['NAME', 'ENDPOINTS', 'AGE']);
    const subsets = [{ addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }], ports: [{ port: 80 }, { port: 443 }] }];
    expect(cells(EP, { metadata: meta('web', 60), subsets })).toEqual(['web', '10.244.1.5:80,10.244.2.7:80,10.244.1.5:443 + 1 more...', '60s']);
    expect(cells(EP, { metadata: meta('one', 60), subsets: [{ addresses: [{ ip: '10.244.1.5' }], ports: [{ port: 8080 }] }] })[1]).toBe('10.244.1.5:8080');
    expect(cells(EP, { metadata: meta('headless', 60), subsets: [{ addresses: [{ ip: 'fd00::1' }] }] })[1]).toBe('fd00::1');
    expect(cells(EP, { metadata: meta('v6', 60), subsets: [{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }] })[1]).toBe('[fd00::1]:80');
    expect(cells(EP, { metadata: meta('none', 60) })[1]).toBe('<none>');
  });

  it('endpointslices', () => {
    const ES = def('discovery.k8s.io', 'v1', 'EndpointSlice');
    expect(headers(ES)).toEqual(['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']);
    const s = { metadata: meta('web-abc12', 60), addressType: 'IPv4', ports: [{ name: 'http', port: 80, protocol: 'TCP' }], endpoints: [{ addresses: ['10.244.1.5'] }, { addresses: ['10.244.2.7'] }] };
    expect(cells(ES, s)).toEqual(['web-abc12', 'IPv4', '80', '10.244.1.5,10.244.2.7', '60s']);
    const many = { metadata: meta('m', 60), addressType: 'IPv4', ports: [{ port: 1 }, { port: 2 }, { port: 3 }, { port: 4 }, { name: 'x' }], endpoints: [] };
    expect(cells(ES, many)).toEqual(['m', 'IPv4', '1,2,3 + 2 more...', '<unset>', '60s']);
    expect(cells(ES, { metadata: meta('all', 60), addressType: 'IPv4', ports: [{}], endpoints: null })[2]).toBe('*');
  });
});

describe('events', () => {
  const EV = def('', 'v1', 'Event');
  it('headers: LAST SEEN TYPE REASON OBJECT MESSAGE, the rest wide', () => {
    expect(headers(EV)).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', '(SUBOBJECT)', '(SOURCE)', 'MESSAGE', '(FIRST SEEN)', '(COUNT)', '(NAME)']);
    expect(headers(def('events.k8s.io', 'v1', 'Event'))).toEqual(headers(EV));
  });

  it('core/v1 event from the kubelet', () => {
    const e = {
      metadata: meta('web-1.17f0a', 10 * MIN),
      involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', fieldPath: 'spec.containers{app}' },
      reason: 'BackOff', message: 'Back-off restarting failed container\n', type: 'Warning',
      source: { component: 'kubelet', host: 'node-1' }, firstTimestamp: ago(10 * MIN), lastTimestamp: ago(30), count: 7,
    };
    expect(cells(EV, e)).toEqual(['30s', 'Warning', 'BackOff', 'pod/web-1', 'spec.containers{app}', 'kubelet, node-1', 'Back-off restarting failed container', '10m', 7, 'web-1.17f0a']);
  });

  it('new-style event: eventTime only, count defaults to 1, reporting controller as source', () => {
    const e = { metadata: meta('x', 3 * MIN), involvedObject: { kind: 'Node' }, reason: 'RegisteredNode', message: 'm', type: 'Normal', eventTime: '2025-03-01T11:57:00.123456Z', reportingComponent: 'node-controller' };
    expect(cells(EV, e)).toEqual(['2m59s', 'Normal', 'RegisteredNode', 'node', '', 'node-controller', 'm', '2m59s', 1, 'x']);
  });

  it('events.k8s.io/v1 event with a series', () => {
    const e = {
      metadata: meta('web.1', HOUR), regarding: { kind: 'Deployment', name: 'web' }, note: 'Scaled up replica set web-5d to 3', reason: 'ScalingReplicaSet', type: 'Normal',
      eventTime: ago(HOUR), series: { count: 4, lastObservedTime: ago(90) }, reportingController: 'deployment-controller', reportingInstance: 'cp-1',
    };
    expect(cells(def('events.k8s.io', 'v1', 'Event'), e)).toEqual(['90s', 'Normal', 'ScalingReplicaSet', 'deployment/web', '', 'deployment-controller, cp-1', 'Scaled up replica set web-5d to 3', '60m', 4, 'web.1']);
  });
});

describe('storage', () => {
  it('persistent volumes', () => {
    const PV = def('', 'v1', 'PersistentVolume');
    expect(headers(PV)).toEqual(['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE', '(VOLUMEMODE)']);
    const pv = { metadata: meta('pv-1', DAY), spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', claimRef: { namespace: 'default', name: 'data' }, storageClassName: 'standard', volumeMode: 'Filesystem' }, status: { phase: 'Bound' } };
    expect(cells(PV, pv)).toEqual(['pv-1', '10Gi', 'RWO,RWX', 'Retain', 'Bound', 'default/data', 'standard', '<unset>', '', '24h', 'Filesystem']);
    const released = { metadata: { ...meta('pv-2', 2 * MIN), annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' }, deletionTimestamp: ago(1) }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOncePod'], persistentVolumeReclaimPolicy: 'Delete' }, status: { phase: 'Failed', reason: 'Oops' } };
    expect(cells(PV, released)).toEqual(['pv-2', '1Gi', 'RWOP', 'Delete', 'Terminating', '', 'slow', '<unset>', 'Oops', '2m', '<unset>']);
  });

  it('persistent volume claims: capacity and modes only once bound', () => {
    const PVC = def('', 'v1', 'PersistentVolumeClaim');
    expect(headers(PVC)).toEqual(['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE', '(VOLUMEMODE)']);
    const bound = { metadata: meta('data', 5 * DAY), spec: { volumeName: 'pvc-1234', storageClassName: 'standard', volumeMode: 'Filesystem', resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } } };
    expect(cells(PVC, bound)).toEqual(['data', 'Bound', 'pvc-1234', '1Gi', 'RWO', 'standard', '<unset>', '5d', 'Filesystem']);
    const pending = { metadata: meta('wait', 20), spec: { storageClassName: 'standard', volumeMode: 'Filesystem', resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Pending' } };
    expect(cells(PVC, pending)).toEqual(['wait', 'Pending', '', '', '', 'standard', '<unset>', '20s', 'Filesystem']);
  });

  it('storage classes: "(default)" suffix and defaults for unset fields', () => {
    const SC = def('storage.k8s.io', 'v1', 'StorageClass');
    expect(headers(SC)).toEqual(['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE']);
    const std = { metadata: { ...meta('standard', 10 * DAY), annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' };
    expect(cells(SC, std)).toEqual(['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '10d']);
    expect(cells(SC, { metadata: meta('fast', 10), provisioner: 'csi.example.com', allowVolumeExpansion: true })).toEqual(['fast', 'csi.example.com', 'Delete', 'Immediate', true, '10s']);
  });
});
