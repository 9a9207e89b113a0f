// Engine-side names in the dockershim style (k8s_<container>_<pod>_<namespace>_<uid>_<attempt>) so
// `podman ps` reads well, plus a short random suffix: a leftover container never blocks a new one.
import { randomBytes } from 'node:crypto';

const unsafe = /[^a-zA-Z0-9_.-]/g;

export function engineName(container: string, pod: string, namespace: string, uid: string, attempt: string): string {
  const parts = ['k8s', container, pod, namespace, uid, attempt, randomBytes(3).toString('hex')];
  return parts.map((p) => p.replace(unsafe, '-')).join('_');
}
