// Which pod updates need a new verdict, and where workloads keep their pod template.
import type { PodInput } from './types';

const SECCOMP_CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

interface Named {
  name: string;
  image?: string;
}

function changed(c: Named, old: Named, ann: Record<string, string>, oldAnn: Record<string, string>) {
  const key = SECCOMP_CONTAINER_ANNOTATION + c.name;
  return c.image !== old.image || ann[key] !== oldAnn[key];
}

/**
 * Pod specs are nearly immutable: only images (plus the seccomp container annotations) can change,
 * and ephemeral containers can be added. Anything else cannot change the verdict, so, like upstream,
 * such updates (labels, status, ...) are not evaluated again.
 */
export function isSignificantPodUpdate(pod: PodInput, oldPod: PodInput): boolean {
  const s = pod.spec ?? { containers: [] };
  const o = oldPod.spec ?? { containers: [] };
  const ann = pod.metadata?.annotations ?? {};
  const oldAnn = oldPod.metadata?.annotations ?? {};
  const pairs = (a: Named[] = [], b: Named[] = []) => a.length !== b.length || a.some((c, i) => changed(c, b[i], ann, oldAnn));
  if (pairs(s.containers, o.containers) || pairs(s.initContainers, o.initContainers)) return true;
  for (const c of s.ephemeralContainers ?? []) {
    const old = (o.ephemeralContainers ?? []).find((x) => x.name === c.name);
    if (!old || changed(c, old, ann, oldAnn)) return true;
  }
  return false;
}

/** The pod template of a workload object by kind, as upstream's default extractor finds it. */
export function podTemplateOf(obj: { kind?: string; spec?: unknown } | undefined): PodInput | undefined {
  const spec = obj?.spec as { template?: PodInput; jobTemplate?: { spec?: { template?: PodInput } } } | undefined;
  switch (obj?.kind) {
    case 'PodTemplate':
      return (obj as { template?: PodInput }).template;
    case 'ReplicationController':
    case 'ReplicaSet':
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return spec?.template;
    case 'CronJob':
      return spec?.jobTemplate?.spec?.template;
    default:
      return undefined;
  }
}
