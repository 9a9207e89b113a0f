import { describe, it, expect } from 'vitest';
import { describeViolations, evaluatePodSecurity } from './evaluate';
import type { PodInput } from './types';
import { containerWith, plainPod, podWith, restrictedContainer } from './test-pods';

const text = (pod: PodInput, level: 'baseline' | 'restricted', version = 'latest') => describeViolations(evaluatePodSecurity(pod, level, version).violations);

describe('violation messages', () => {
  it('words the four restricted violations of a plain pod like upstream, in upstream order', () => {
    expect(text(plainPod(), 'restricted')).toBe(
      'allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), ' +
        'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), ' +
        'runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), ' +
        'seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
    expect(text(plainPod(), 'baseline')).toBe('');
  });

  it('lists baseline checks before restricted ones', () => {
    const pod = plainPod();
    pod.spec!.hostNetwork = true;
    pod.spec!.volumes = [{ name: 'data', hostPath: { path: '/data' } }];
    pod.spec!.containers[0].securityContext = { privileged: true };
    expect(text(pod, 'baseline')).toBe(
      'host namespaces (hostNetwork=true), hostPath volumes (volume "data"), privileged (container "app" must not set securityContext.privileged=true)',
    );
    expect(text(pod, 'restricted')).toMatch(/^host namespaces \(hostNetwork=true\), privileged \(.*\), allowPrivilegeEscalation != false/);
    expect(text(pod, 'restricted')).toContain('restricted volume types (volume "data" uses restricted volume type "hostPath")');
  });

  it('pluralizes names and values', () => {
    const pod = podWith((s) => {
      s.hostNetwork = s.hostPID = s.hostIPC = true;
      s.containers = [
        { ...restrictedContainer('a', { privileged: true }), ports: [{ containerPort: 1, hostPort: 8080 }] },
        { ...restrictedContainer('b', { privileged: true }), ports: [{ containerPort: 2, hostPort: 443 }] },
      ];
      s.volumes = [
        { name: 'x', hostPath: { path: '/' } },
        { name: 'y', hostPath: { path: '/' } },
      ];
    });
    const found = evaluatePodSecurity(pod, 'baseline', 'latest').violations.map((v) => v.message);
    expect(found).toEqual([
      'host namespaces (hostNetwork=true, hostPID=true, hostIPC=true)',
      'hostPath volumes (volumes "x", "y")',
      'hostPort (containers "a", "b" use hostPorts 443, 8080)',
      'privileged (containers "a", "b" must not set securityContext.privileged=true)',
    ]);
  });

  it('names capabilities, volumes, users and setters', () => {
    const caps = containerWith({ capabilities: { add: ['SYS_ADMIN', 'NET_RAW'] } });
    expect(text(caps, 'baseline')).toBe('non-default capabilities (container "app" must not include "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add)');
    expect(text(caps, 'restricted')).toBe(
      'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]; container "app" must not include "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add)',
    );
    const vols = podWith((s) => (s.volumes = [{ name: 'a', nfs: { server: 's', path: '/' } }, { name: 'b', image: { reference: 'r' } }]));
    expect(text(vols, 'restricted')).toBe('restricted volume types (volumes "a", "b" use restricted volume types "nfs", "unknown")');
    const root = podWith((s) => {
      s.securityContext!.runAsNonRoot = false;
      s.securityContext!.runAsUser = 0;
      s.containers[0] = restrictedContainer('app', { runAsNonRoot: false, runAsUser: 0 });
    });
    expect(text(root, 'restricted')).toBe(
      'runAsNonRoot != true (pod and container "app" must not set securityContext.runAsNonRoot=false), runAsUser=0 (pod and container "app" must not set runAsUser=0)',
    );
    const seccomp = containerWith({ seccompProfile: { type: 'Unconfined' } });
    expect(text(seccomp, 'baseline')).toBe('seccompProfile (container "app" must not set securityContext.seccompProfile.type to "Unconfined")');
  });

  it('words the other baseline checks', () => {
    const pod = podWith((s, p) => {
      p.metadata!.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' };
      s.securityContext!.seLinuxOptions = { type: 'spc_t', user: 'u' };
      s.securityContext!.sysctls = [{ name: 'kernel.msgmax', value: '1' }, { name: 'vm.swappiness', value: '1' }];
      s.securityContext!.windowsOptions = { hostProcess: true };
      s.containers[0] = restrictedContainer('app', { procMount: 'Unmasked', appArmorProfile: { type: 'Unconfined' } });
      s.containers[0].readinessProbe = { tcpSocket: { port: 1, host: 'h' } };
    });
    expect(evaluatePodSecurity(pod, 'baseline', 'latest').violations.map((v) => v.message)).toEqual([
      'forbidden AppArmor profiles (container "app" and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/app="unconfined"")',
      'probe or lifecycle host (container "app" uses probe or lifecycle host "h")',
      'procMount (container "app" must not set securityContext.procMount to "Unmasked")',
      'seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set)',
      'forbidden sysctls (kernel.msgmax, vm.swappiness)',
      'hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)',
    ]);
  });
});

describe('version pinning', () => {
  const refused = (pod: PodInput, level: 'baseline' | 'restricted', version: string) =>
    evaluatePodSecurity(pod, level, version).violations.map((v) => v.check);

  it('skips checks that did not exist yet', () => {
    expect(refused(containerWith({ runAsUser: 0 }), 'restricted', 'v1.22')).toEqual([]);
    expect(refused(containerWith({ runAsUser: 0 }), 'restricted', 'v1.23')).toEqual(['runAsUser']);
    expect(refused(containerWith({ allowPrivilegeEscalation: true }), 'restricted', 'v1.7')).toEqual([]);
    expect(refused(containerWith({ allowPrivilegeEscalation: true }), 'restricted', 'v1.8')).toEqual(['allowPrivilegeEscalation']);
    const probe = podWith((s) => (s.containers[0].startupProbe = { httpGet: { port: 1, host: 'h' } }));
    expect(refused(probe, 'baseline', 'v1.33')).toEqual([]);
    expect(refused(probe, 'baseline', 'v1.34')).toEqual(['hostProbesAndHostLifecycle']);
  });

  it('keeps the baseline capability check at restricted before v1.22', () => {
    const noDrop = podWith((s) => (s.containers[0].securityContext = { allowPrivilegeEscalation: false }));
    expect(refused(noDrop, 'restricted', 'v1.21')).toEqual([]);
    expect(refused(noDrop, 'restricted', 'v1.22')).toEqual(['capabilities_restricted']);
    const sysAdmin = containerWith({ capabilities: { add: ['SYS_ADMIN'] } });
    expect(refused(sysAdmin, 'restricted', 'v1.21')).toEqual(['capabilities_baseline']);
  });

  it('reads seccomp from the annotations before v1.19 and from the fields after', () => {
    const annotated = podWith((_s, p) => (p.metadata!.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' }));
    expect(describeViolations(evaluatePodSecurity(annotated, 'baseline', 'v1.18').violations)).toBe(
      'seccompProfile (forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined")',
    );
    expect(refused(annotated, 'baseline', 'v1.19')).toEqual([]);
    const field = containerWith({ seccompProfile: { type: 'Unconfined' } });
    expect(refused(field, 'baseline', 'v1.18')).toEqual([]);
    expect(refused(field, 'restricted', 'v1.18')).toEqual([]);
    expect(refused(field, 'restricted', 'v1.19')).toEqual(['seccompProfile_restricted']);
  });

  it('widens the safe sysctls and SELinux types in later versions', () => {
    const keepalive = podWith((s) => (s.securityContext!.sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '60' }]));
    expect(refused(keepalive, 'baseline', 'v1.28')).toEqual(['sysctls']);
    expect(refused(keepalive, 'baseline', 'v1.29')).toEqual([]);
    const rmem = podWith((s) => (s.securityContext!.sysctls = [{ name: 'net.ipv4.tcp_rmem', value: '1 2 3' }]));
    expect(refused(rmem, 'baseline', 'v1.31')).toEqual(['sysctls']);
    expect(refused(rmem, 'baseline', 'latest')).toEqual([]);
    const engine = containerWith({ seLinuxOptions: { type: 'container_engine_t' } });
    expect(refused(engine, 'baseline', 'v1.30')).toEqual(['seLinuxOptions']);
    expect(refused(engine, 'baseline', 'v1.31')).toEqual([]);
  });

  it('exempts Windows pods from Linux-only restricted checks from v1.25', () => {
    const win = podWith((s) => {
      s.os = { name: 'windows' };
      s.securityContext = { runAsNonRoot: true };
      s.containers[0] = { name: 'app', image: 'iis' };
    });
    expect(refused(win, 'restricted', 'v1.24')).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted']);
    expect(refused(win, 'restricted', 'v1.25')).toEqual([]);
  });

  it('reads versions past the newest check, and invalid ones, as latest', () => {
    const pod = plainPod();
    const latest = evaluatePodSecurity(pod, 'restricted', 'latest');
    expect(evaluatePodSecurity(pod, 'restricted', 'v1.99')).toEqual(latest);
    expect(evaluatePodSecurity(pod, 'restricted', 'v2.0')).toEqual(latest);
    expect(refused(pod, 'restricted', 'v1.0')).toEqual(['runAsNonRoot']);
  });
});
