// Shared shapes of probes and lifecycle handlers.
import type { Container } from '../../../../workers/kube/resources/core/pod/container';
import type { ContainerRuntime } from '../../runtime/types';

export type ProbeResult = { result: 'success' | 'failure' | 'unknown'; message?: string };

export type Probe = NonNullable<Container['livenessProbe']>;
export type HTTPGetAction = NonNullable<Probe['httpGet']>;

/** What a handler runs against. `container` resolves named ports. */
export interface HandlerTarget {
  podIP: string;
  hostIP: string;
  containerId: string;
  runtime: ContainerRuntime;
  container?: Pick<Container, 'name' | 'ports'>;
}

/** Upstream probes identify themselves as kube-probe/<major>.<minor> of the kubelet. */
export const PROBE_USER_AGENT = 'kube-probe/1.32';
