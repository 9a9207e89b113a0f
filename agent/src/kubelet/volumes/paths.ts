// Where a pod's volumes live on the host, laid out as the kubelet does so operators find them in the
// familiar place: <root>/pods/<uid>/volumes/kubernetes.io~<plugin>/<volume name>.
import { join } from 'node:path';

export const PLUGINS = {
  emptyDir: 'kubernetes.io~empty-dir',
  configMap: 'kubernetes.io~configmap',
  secret: 'kubernetes.io~secret',
  downwardAPI: 'kubernetes.io~downward-api',
  projected: 'kubernetes.io~projected',
} as const;

export type DirPlugin = keyof typeof PLUGINS;

export const podDir = (root: string, uid: string) => join(root, 'pods', uid);
export const volumeDir = (root: string, uid: string, plugin: DirPlugin, name: string) => join(podDir(root, uid), 'volumes', PLUGINS[plugin], name);
export const containerDir = (root: string, uid: string, container: string) => join(podDir(root, uid), 'containers', container);
export const terminationLogPath = (root: string, uid: string, container: string) => join(containerDir(root, uid, container), 'termination-log');

/** Rejects a path that could leave its directory: absolute, or with a ".." element. */
export function relativePathProblem(p: string): string | undefined {
  if (p.startsWith('/')) return 'must be relative path';
  if (p.split('/').includes('..')) return "must not contain '..'";
  return undefined;
}
