// Security contexts for pods and containers.
import { z } from 'zod';
import { int64, atomicList } from '../../../schemas/meta';
import { coreId, opt } from '../common/util';

export const seLinuxOptions = z
  .strictObject({
    user: opt(z.string(), 'SELinux user label.'),
    role: opt(z.string(), 'SELinux role label.'),
    type: opt(z.string(), 'SELinux type label.'),
    level: opt(z.string(), 'SELinux level label.'),
  })
  .meta({ id: coreId('SELinuxOptions'), description: 'SELinux labels applied to a container.' });

export const seccompProfile = z
  .strictObject({
    type: z.string().meta({ description: 'RuntimeDefault, Unconfined or Localhost.' }),
    localhostProfile: opt(z.string(), 'Profile file on the node, for type Localhost.'),
  })
  .meta({ id: coreId('SeccompProfile'), description: 'The seccomp profile a container runs with.' });

export const appArmorProfile = z
  .strictObject({
    type: z.string().meta({ description: 'RuntimeDefault, Unconfined or Localhost.' }),
    localhostProfile: opt(z.string(), 'Profile loaded on the node, for type Localhost.'),
  })
  .meta({ id: coreId('AppArmorProfile'), description: 'The AppArmor profile a container runs with.' });

export const windowsSecurityContextOptions = z
  .strictObject({
    gmsaCredentialSpecName: opt(z.string()),
    gmsaCredentialSpec: opt(z.string()),
    runAsUserName: opt(z.string(), 'Windows user to run the entrypoint as.'),
    hostProcess: opt(z.boolean(), 'Run as a Windows host process container.'),
  })
  .meta({ id: coreId('WindowsSecurityContextOptions'), description: 'Windows-specific security settings.' });

export const capabilities = z
  .strictObject({
    add: opt(atomicList(z.string()), 'Capabilities to add.'),
    drop: opt(atomicList(z.string()), 'Capabilities to drop.'),
  })
  .meta({ id: coreId('Capabilities'), description: 'Linux capabilities to add to or drop from a container.' });

export const securityContext = z
  .strictObject({
    capabilities: opt(capabilities),
    privileged: opt(z.boolean(), 'Run the container as privileged (root on the host).'),
    seLinuxOptions: opt(seLinuxOptions),
    windowsOptions: opt(windowsSecurityContextOptions),
    runAsUser: opt(int64(), 'UID to run the entrypoint as.'),
    runAsGroup: opt(int64(), 'GID to run the entrypoint as.'),
    runAsNonRoot: opt(z.boolean(), 'Refuse to start the container as UID 0.'),
    readOnlyRootFilesystem: opt(z.boolean(), 'Mount the root filesystem read-only.'),
    allowPrivilegeEscalation: opt(z.boolean(), 'Whether a process may gain more privileges than its parent.'),
    procMount: opt(z.string(), 'Default or Unmasked.'),
    seccompProfile: opt(seccompProfile),
    appArmorProfile: opt(appArmorProfile),
  })
  .meta({ id: coreId('SecurityContext'), description: 'Security settings of one container; they override the pod-level ones.' });

export const sysctl = z
  .strictObject({ name: z.string().meta({ description: 'Sysctl name.' }), value: z.string().meta({ description: 'Value to set.' }) })
  .meta({ id: coreId('Sysctl'), description: 'A kernel parameter to set.' });

export const podSecurityContext = z
  .strictObject({
    seLinuxOptions: opt(seLinuxOptions),
    windowsOptions: opt(windowsSecurityContextOptions),
    runAsUser: opt(int64(), 'UID to run container entrypoints as.'),
    runAsGroup: opt(int64(), 'GID to run container entrypoints as.'),
    runAsNonRoot: opt(z.boolean(), 'Refuse to start containers as UID 0.'),
    supplementalGroups: opt(atomicList(int64()), 'Extra groups for the first process of each container.'),
    supplementalGroupsPolicy: opt(z.string(), 'Merge or Strict.'),
    fsGroup: opt(int64(), 'Group that owns volumes and is added to every container.'),
    fsGroupChangePolicy: opt(z.string(), 'OnRootMismatch or Always.'),
    sysctls: opt(atomicList(sysctl), 'Namespaced sysctls set for the pod.'),
    seccompProfile: opt(seccompProfile),
    appArmorProfile: opt(appArmorProfile),
    seLinuxChangePolicy: opt(z.string(), 'MountOption or Recursive.'),
  })
  .meta({ id: coreId('PodSecurityContext'), description: 'Security settings shared by all containers of a pod.' });

