// The container's effective security context (container fields over the pod's) → runtime settings,
// and upstream's runAsNonRoot verification.
import type { ContainerSpec, ImageInfo } from '../../runtime/types';
import { podDesc, type Container, type Pod } from '../types';

interface Effective {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
}

function effective(pod: Pod, c: Container): Effective {
  const p = pod.spec.securityContext ?? {};
  const s = c.securityContext ?? {};
  return { runAsUser: s.runAsUser ?? p.runAsUser, runAsGroup: s.runAsGroup ?? p.runAsGroup, runAsNonRoot: s.runAsNonRoot ?? p.runAsNonRoot };
}

export function runtimeSecurity(pod: Pod, c: Container): ContainerSpec['security'] {
  const eff = effective(pod, c);
  const s = c.securityContext ?? {};
  const out: NonNullable<ContainerSpec['security']> = {};
  if (eff.runAsUser !== undefined) out.user = eff.runAsGroup !== undefined ? `${eff.runAsUser}:${eff.runAsGroup}` : String(eff.runAsUser);
  if (s.privileged) out.privileged = true;
  if (s.readOnlyRootFilesystem) out.readOnlyRootfs = true;
  if (s.capabilities?.add?.length) out.capAdd = [...s.capabilities.add];
  if (s.capabilities?.drop?.length) out.capDrop = [...s.capabilities.drop];
  if (s.allowPrivilegeEscalation === false) out.noNewPrivileges = true;
  return out;
}

/**
 * Upstream's verifyRunAsNonRoot. The image's user comes from the runtime; an image without a USER runs
 * as root, so it fails the check like upstream's uid 0.
 */
export function verifyRunAsNonRoot(pod: Pod, c: Container, image: ImageInfo | null): string | undefined {
  const eff = effective(pod, c);
  if (!eff.runAsNonRoot) return undefined;
  if (eff.runAsUser !== undefined) {
    return eff.runAsUser === 0 ? `container's runAsUser breaks non-root policy (pod: "${podDesc(pod)}", container: ${c.name})` : undefined;
  }
  const user = (image?.user ?? '').split(':')[0];
  if (user === '' || user === '0' || user === 'root') return `container has runAsNonRoot and image will run as root (pod: "${podDesc(pod)}", container: ${c.name})`;
  if (!/^\d+$/.test(user)) return `container has runAsNonRoot and image has non-numeric user (${user}), cannot verify user is non-root (pod: "${podDesc(pod)}", container: ${c.name})`;
  return undefined;
}
