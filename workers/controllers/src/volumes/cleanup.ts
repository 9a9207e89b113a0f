// Deleting a released local-path volume removes its directory on the node first, the way upstream's
// local-path-provisioner does it: a short-lived helper pod pinned to the volume's node mounts the
// parent directory and removes the volume's own directory; the PersistentVolume is deleted only once
// that pod succeeded, so a failed removal leaves the volume (and its data) visible and retried.
import type { Volume } from './types';
import { LOCAL_PATH_PROVISIONER, PROVISIONED_BY } from './types';

export const HELPER_NAMESPACE = 'kube-system';
/**
 * The helper's image: the agent's pause image, which every kubeflare node builds for its sandboxes
 * from the same busybox rootfs (rm included), so it is present without a registry.
 */
export const DEFAULT_HELPER_IMAGE = 'localhost/kubeflare/pause:latest';
/** Simulated nodes finish the helper at once (agent/src/sim: EXIT_AFTER_ANNOTATION). */
const SIM_EXIT_AFTER = 'sim.kubeflare.dev/exit-after-ms';

export const helperPodName = (v: Volume) => `helper-pod-delete-${v.metadata.name}`;

export interface CleanupTarget {
  node: string;
  parent: string;
  dir: string;
}

/**
 * The node and directory a helper must clear before this volume is deleted, or undefined when nothing
 * on a node needs removing (not ours, or never pinned to a node). Only a directory named after the
 * volume itself (as provisionedVolume names it) is ever removed, whatever hostPath a PV claims.
 */
export function cleanupTarget(v: Volume): CleanupTarget | undefined {
  if (v.metadata.annotations?.[PROVISIONED_BY] !== LOCAL_PATH_PROVISIONER) return undefined;
  const path = v.spec?.hostPath?.path;
  const node = v.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.find((e) => e.key === 'kubernetes.io/hostname' && e.operator === 'In')?.values?.[0];
  if (!path || !node) return undefined;
  const cut = path.lastIndexOf('/');
  const parent = path.slice(0, cut);
  const dir = path.slice(cut + 1);
  if (!parent.startsWith('/') || !dir.startsWith(`${v.metadata.name}_`) || dir.includes('..')) return undefined;
  return { node, parent, dir };
}

/** The helper pod: `rm -rf /data/<dir>` on the volume's node with the parent directory at /data. */
export function helperPod(v: Volume, t: CleanupTarget, image = DEFAULT_HELPER_IMAGE) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: helperPodName(v),
      namespace: HELPER_NAMESPACE,
      labels: { 'app.kubernetes.io/name': 'local-path-helper', 'kubeflare.dev/volume': v.metadata.name ?? '' },
      annotations: { [SIM_EXIT_AFTER]: '0' },
    },
    spec: {
      nodeName: t.node,
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 1,
      // The node may be cordoned or tainted; its directory still has to go.
      tolerations: [{ operator: 'Exists' }],
      containers: [
        {
          name: 'helper',
          image,
          imagePullPolicy: 'IfNotPresent',
          command: ['rm', '-rf', `/data/${t.dir}`],
          volumeMounts: [{ name: 'data', mountPath: '/data' }],
        },
      ],
      volumes: [{ name: 'data', hostPath: { path: t.parent, type: 'DirectoryOrCreate' } }],
    },
  };
}

export type HelperState = 'missing' | 'running' | 'succeeded' | 'failed';

export function helperState(pod: { status?: { phase?: string } } | null | undefined): HelperState {
  if (!pod) return 'missing';
  if (pod.status?.phase === 'Succeeded') return 'succeeded';
  if (pod.status?.phase === 'Failed') return 'failed';
  return 'running';
}
