import { describe, it, expect } from 'vitest';
import { evaluatePodSecurity } from './evaluate';
import type { PodInput } from './types';
import { containerWith, podWith, restrictedContainer, restrictedPod } from './test-pods';

const ids = (pod: PodInput, level: 'baseline' | 'restricted', version = 'latest') =>
  evaluatePodSecurity(pod, level, version).violations.map((v) => v.check);

interface Row {
  name: string;
  pod: PodInput;
  baseline: string[]; // refused checks at baseline:latest
  restricted: string[]; // refused checks at restricted:latest
}

// Each pod breaks one rule of the Pod Security Standards, starting from a restricted-compliant pod.
const baselineRows: Row[] = [
  { name: 'hostNetwork', pod: podWith((s) => (s.hostNetwork = true)), baseline: ['hostNamespaces'], restricted: ['hostNamespaces'] },
  { name: 'hostPID', pod: podWith((s) => (s.hostPID = true)), baseline: ['hostNamespaces'], restricted: ['hostNamespaces'] },
  { name: 'hostIPC', pod: podWith((s) => (s.hostIPC = true)), baseline: ['hostNamespaces'], restricted: ['hostNamespaces'] },
  { name: 'privileged container', pod: containerWith({ privileged: true }), baseline: ['privileged'], restricted: ['privileged'] },
  {
    name: 'privileged init container',
    pod: podWith((s) => (s.initContainers = [restrictedContainer('init', { privileged: true })])),
    baseline: ['privileged'],
    restricted: ['privileged'],
  },
  {
    name: 'privileged ephemeral container',
    pod: podWith((s) => (s.ephemeralContainers = [restrictedContainer('debug', { privileged: true })])),
    baseline: ['privileged'],
    restricted: ['privileged'],
  },
  { name: 'adds SYS_ADMIN', pod: containerWith({ capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] } }), baseline: ['capabilities_baseline'], restricted: ['capabilities_restricted'] },
  { name: 'adds NET_RAW', pod: containerWith({ capabilities: { drop: ['ALL'], add: ['NET_RAW'] } }), baseline: ['capabilities_baseline'], restricted: ['capabilities_restricted'] },
  { name: 'hostPath volume', pod: podWith((s) => (s.volumes = [{ name: 'data', hostPath: { path: '/var' } }])), baseline: ['hostPathVolumes'], restricted: ['restrictedVolumes'] },
  { name: 'hostPort', pod: podWith((s) => (s.containers[0].ports = [{ containerPort: 80, hostPort: 80 }])), baseline: ['hostPorts'], restricted: ['hostPorts'] },
  {
    name: 'hostPort on an init container',
    pod: podWith((s) => (s.initContainers = [{ ...restrictedContainer('init'), ports: [{ containerPort: 53, hostPort: 53 }] }])),
    baseline: ['hostPorts'],
    restricted: ['hostPorts'],
  },
  {
    name: 'AppArmor unconfined annotation',
    pod: podWith((_s, p) => (p.metadata!.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' })),
    baseline: ['appArmorProfile'],
    restricted: ['appArmorProfile'],
  },
  { name: 'AppArmor Unconfined on the pod', pod: podWith((s) => (s.securityContext!.appArmorProfile = { type: 'Unconfined' })), baseline: ['appArmorProfile'], restricted: ['appArmorProfile'] },
  { name: 'AppArmor Unconfined on a container', pod: containerWith({ appArmorProfile: { type: 'Unconfined' } }), baseline: ['appArmorProfile'], restricted: ['appArmorProfile'] },
  { name: 'SELinux type spc_t', pod: containerWith({ seLinuxOptions: { type: 'spc_t' } }), baseline: ['seLinuxOptions'], restricted: ['seLinuxOptions'] },
  { name: 'SELinux user', pod: podWith((s) => (s.securityContext!.seLinuxOptions = { user: 'system_u' })), baseline: ['seLinuxOptions'], restricted: ['seLinuxOptions'] },
  { name: 'SELinux role', pod: containerWith({ seLinuxOptions: { role: 'system_r' } }), baseline: ['seLinuxOptions'], restricted: ['seLinuxOptions'] },
  { name: 'procMount Unmasked', pod: containerWith({ procMount: 'Unmasked' }), baseline: ['procMount'], restricted: ['procMount'] },
  {
    name: 'seccomp Unconfined on the pod',
    pod: podWith((s) => (s.securityContext!.seccompProfile = { type: 'Unconfined' })),
    baseline: ['seccompProfile_baseline'],
    restricted: ['seccompProfile_restricted'],
  },
  { name: 'seccomp Unconfined on a container', pod: containerWith({ seccompProfile: { type: 'Unconfined' } }), baseline: ['seccompProfile_baseline'], restricted: ['seccompProfile_restricted'] },
  { name: 'unsafe sysctl', pod: podWith((s) => (s.securityContext!.sysctls = [{ name: 'kernel.msgmax', value: '1' }])), baseline: ['sysctls'], restricted: ['sysctls'] },
  { name: 'Windows hostProcess container', pod: containerWith({ windowsOptions: { hostProcess: true } }), baseline: ['windowsHostProcess'], restricted: ['windowsHostProcess'] },
  { name: 'Windows hostProcess pod', pod: podWith((s) => (s.securityContext!.windowsOptions = { hostProcess: true })), baseline: ['windowsHostProcess'], restricted: ['windowsHostProcess'] },
  {
    name: 'probe with a host',
    pod: podWith((s) => (s.containers[0].livenessProbe = { httpGet: { port: 80, host: '10.0.0.1' } })),
    baseline: ['hostProbesAndHostLifecycle'],
    restricted: ['hostProbesAndHostLifecycle'],
  },
  {
    name: 'lifecycle hook with a host',
    pod: podWith((s) => (s.containers[0].lifecycle = { preStop: { httpGet: { port: 80, host: 'metadata' } } })),
    baseline: ['hostProbesAndHostLifecycle'],
    restricted: ['hostProbesAndHostLifecycle'],
  },
];

const restrictedRows: Row[] = [
  { name: 'allowPrivilegeEscalation unset', pod: podWith((s) => (s.containers[0].securityContext = { capabilities: { drop: ['ALL'] } })), baseline: [], restricted: ['allowPrivilegeEscalation'] },
  { name: 'allowPrivilegeEscalation true', pod: containerWith({ allowPrivilegeEscalation: true }), baseline: [], restricted: ['allowPrivilegeEscalation'] },
  {
    name: 'no capabilities at all',
    pod: podWith((s) => (s.containers[0].securityContext = { allowPrivilegeEscalation: false })),
    baseline: [],
    restricted: ['capabilities_restricted'],
  },
  { name: 'drops only NET_RAW', pod: containerWith({ capabilities: { drop: ['NET_RAW'] } }), baseline: [], restricted: ['capabilities_restricted'] },
  { name: 'adds CHOWN (a default capability)', pod: containerWith({ capabilities: { drop: ['ALL'], add: ['CHOWN'] } }), baseline: [], restricted: ['capabilities_restricted'] },
  { name: 'runAsNonRoot unset', pod: podWith((s) => delete s.securityContext!.runAsNonRoot), baseline: [], restricted: ['runAsNonRoot'] },
  { name: 'runAsNonRoot false on the pod', pod: podWith((s) => (s.securityContext!.runAsNonRoot = false)), baseline: [], restricted: ['runAsNonRoot'] },
  { name: 'runAsNonRoot false on a container', pod: containerWith({ runAsNonRoot: false }), baseline: [], restricted: ['runAsNonRoot'] },
  { name: 'runAsUser 0 on the pod', pod: podWith((s) => (s.securityContext!.runAsUser = 0)), baseline: [], restricted: ['runAsUser'] },
  { name: 'runAsUser 0 on a container', pod: containerWith({ runAsUser: 0 }), baseline: [], restricted: ['runAsUser'] },
  { name: 'seccomp unset', pod: podWith((s) => delete s.securityContext!.seccompProfile), baseline: [], restricted: ['seccompProfile_restricted'] },
  {
    name: 'seccomp set on the app but not the init container',
    pod: podWith((s) => {
      delete s.securityContext!.seccompProfile;
      s.containers[0] = restrictedContainer('app', { seccompProfile: { type: 'RuntimeDefault' } });
      s.initContainers = [restrictedContainer('init')];
    }),
    baseline: [],
    restricted: ['seccompProfile_restricted'],
  },
  { name: 'nfs volume', pod: podWith((s) => (s.volumes = [{ name: 'share', nfs: { server: 'nas', path: '/' } }])), baseline: [], restricted: ['restrictedVolumes'] },
  { name: 'gitRepo volume', pod: podWith((s) => (s.volumes = [{ name: 'src', gitRepo: { repository: 'x' } }])), baseline: [], restricted: ['restrictedVolumes'] },
  { name: 'image volume', pod: podWith((s) => (s.volumes = [{ name: 'model', image: { reference: 'r' } }])), baseline: [], restricted: ['restrictedVolumes'] },
  {
    name: 'ephemeral container without the restricted settings',
    pod: podWith((s) => (s.ephemeralContainers = [{ name: 'debug', image: 'busybox' }])),
    baseline: [],
    restricted: ['allowPrivilegeEscalation', 'capabilities_restricted'],
  },
];

const compliantRows: Row[] = [
  { name: 'the restricted pod', pod: restrictedPod(), baseline: [], restricted: [] },
  { name: 'adds NET_BIND_SERVICE', pod: containerWith({ capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } }), baseline: [], restricted: [] },
  {
    name: 'Localhost seccomp and runAsNonRoot per container',
    pod: podWith((s) => {
      s.securityContext = {};
      s.containers[0] = restrictedContainer('app', { runAsNonRoot: true, seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } });
    }),
    baseline: [],
    restricted: [],
  },
  {
    name: 'every allowed volume type',
    pod: podWith(
      (s) =>
        (s.volumes = [
          { name: 'a', configMap: { name: 'c' } },
          { name: 'b', csi: { driver: 'd' } },
          { name: 'c', downwardAPI: {} },
          { name: 'd', emptyDir: {} },
          { name: 'e', ephemeral: {} },
          { name: 'f', persistentVolumeClaim: { claimName: 'p' } },
          { name: 'g', projected: {} },
          { name: 'h', secret: { secretName: 's' } },
        ]),
    ),
    baseline: [],
    restricted: [],
  },
  { name: 'safe sysctl', pod: podWith((s) => (s.securityContext!.sysctls = [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }])), baseline: [], restricted: [] },
  { name: 'SELinux container_t with a level', pod: containerWith({ seLinuxOptions: { type: 'container_t', level: 's0:c1,c2' } }), baseline: [], restricted: [] },
  {
    name: 'AppArmor runtime/default and localhost annotations',
    pod: podWith(
      (_s, p) =>
        (p.metadata!.annotations = {
          'container.apparmor.security.beta.kubernetes.io/app': 'runtime/default',
          'container.apparmor.security.beta.kubernetes.io/x': 'localhost/prof',
        }),
    ),
    baseline: [],
    restricted: [],
  },
  { name: 'procMount Default and runAsUser 1000', pod: containerWith({ procMount: 'Default', runAsUser: 1000 }), baseline: [], restricted: [] },
  {
    name: 'Windows pod without Linux-only settings',
    pod: podWith((s) => {
      s.os = { name: 'windows' };
      s.securityContext = { runAsNonRoot: true };
      s.containers[0] = { name: 'app', image: 'iis' };
    }),
    baseline: [],
    restricted: [],
  },
];

describe('Pod Security Standards checks', () => {
  it.each([...baselineRows, ...restrictedRows, ...compliantRows])('$name', ({ pod, baseline, restricted }) => {
    expect(ids(pod, 'baseline')).toEqual(baseline);
    expect(ids(pod, 'restricted')).toEqual(restricted);
    expect(evaluatePodSecurity(pod, 'privileged', 'latest')).toEqual({ allowed: true, violations: [] });
    expect(evaluatePodSecurity(pod, 'restricted', 'latest').allowed).toBe(restricted.length === 0);
  });

  it('has a table of at least 40 pods', () => {
    expect(baselineRows.length + restrictedRows.length + compliantRows.length).toBeGreaterThanOrEqual(40);
  });
});
