// DefaultBinder: the Binding object that the I/O side POSTs to pods/<name>/binding.
import type { BindPlugin, Binding } from '../../framework/interfaces';
import type { Pod } from '../../framework/types';

export const name = 'DefaultBinder';

export function New(): BindPlugin {
  return {
    name,
    bind(pod: Pod, nodeName: string): Binding {
      return {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name: pod.metadata.name ?? '', namespace: pod.metadata.namespace ?? 'default', ...(pod.metadata.uid ? { uid: pod.metadata.uid } : {}) },
        target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
      };
    },
  };
}
