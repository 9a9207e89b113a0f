// Which container of a pod a log/exec/attach request addresses, with upstream's messages
// (pkg/registry/core/pod/strategy.go validateContainer).
import { badRequest } from '../../../../kube/status';

interface PodLike {
  metadata: { name?: string };
  spec?: { containers?: { name: string }[]; initContainers?: { name: string }[]; ephemeralContainers?: { name: string }[] };
}

/** Every container name, in upstream's visiting order: init, regular, ephemeral. */
export function containerNames(pod: PodLike): string[] {
  const s = pod.spec ?? {};
  return [...(s.initContainers ?? []), ...(s.containers ?? []), ...(s.ephemeralContainers ?? [])].map((c) => c.name);
}

export function resolveContainer(pod: PodLike, requested: string | null | undefined): string {
  const name = pod.metadata.name ?? '';
  if (requested) {
    if (!containerNames(pod).includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${name}`);
    return requested;
  }
  const regular = pod.spec?.containers ?? [];
  if (regular.length === 1) return regular[0].name;
  if (regular.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
  // Go prints a []string as [a b c].
  throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${containerNames(pod).join(' ')}]`);
}
