// The shapes the HPA decisions work on: pods as the replica calculator sees them and their metrics.

/** A pod of the scale target, reduced to what the replica calculator reads. */
export interface HpaPod {
  name: string;
  phase?: string;
  deleting?: boolean;
  /** status.startTime, ms. */
  startTime?: number;
  /** The Ready condition: its status and lastTransitionTime (ms). */
  ready?: { status: string; since?: number };
  /** Requests of the metric's resource per container name, in milli-units; undefined = not set. */
  requests: Record<string, number | undefined>;
}

/** One pod's usage from metrics.k8s.io, summed over the counted containers, in milli-units. */
export interface PodMetric {
  value: number;
  /** End of the measuring window, ms. */
  timestamp: number;
  windowMs: number;
}

/** What one metric proposes. */
export interface Proposal {
  replicas: number;
  /** Current average utilization (percent of request), for Utilization targets. */
  utilization?: number;
  /** Current average usage per pod, milli-units. */
  averageValue: number;
}

export class ReplicaCalcError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}
