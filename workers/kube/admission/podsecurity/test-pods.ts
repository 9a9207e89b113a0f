// Pod builders for the tests: a pod that meets restricted, and small edits that break one rule each.
import type { PodInput, PodSpec } from './types';

type Container = PodSpec['containers'][number];
type SecurityContext = NonNullable<Container['securityContext']>;

export const restrictedContainer = (name = 'app', sc: SecurityContext = {}): Container => ({
  name,
  image: 'nginx',
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, ...sc },
});

/** Meets every restricted rule at every version. */
export const restrictedPod = (): PodInput & { spec: PodSpec } => ({
  metadata: { name: 'web' },
  spec: {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [restrictedContainer()],
  },
});

/** A restricted pod edited by `edit`. */
export function podWith(edit: (spec: PodSpec, pod: PodInput) => void): PodInput {
  const pod = restrictedPod();
  edit(pod.spec, pod);
  return pod;
}

/** A restricted pod whose "app" container gets extra securityContext fields. */
export const containerWith = (sc: SecurityContext) => podWith((s) => (s.containers[0] = restrictedContainer('app', sc)));

/** The pod `kubectl run web --image=nginx` makes: nothing set. */
export const plainPod = (): PodInput => ({ metadata: { name: 'web' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
