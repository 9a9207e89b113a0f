// Shared shapes of the simulator's parts.
export interface SimCounters {
  nodesRegistered: number;
  leasesRenewed: number;
  podsMarkedRunning: number;
  /** Simulated container exits reported (the exit-after-ms annotation). */
  podsExited: number;
  podsDeleted: number;
  /** Ready conditions written back after someone else (the node lifecycle controller) set them False. */
  podsReadyRestored: number;
  /** Failed API calls (each is retried or redone on the next heartbeat/event). */
  errors: number;
  /** Times the pod watch was reopened (stream timeout, expiry, or failure). */
  watchRestarts: number;
}

export const newCounters = (): SimCounters => ({ nodesRegistered: 0, leasesRenewed: 0, podsMarkedRunning: 0, podsExited: 0, podsDeleted: 0, podsReadyRestored: 0, errors: 0, watchRestarts: 0 });

/** Structured log: a stable message plus fields such as { node, pod, err }. */
export type SimLog = (msg: string, fields?: Record<string, unknown>) => void;

export const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
