import type { KObject, Pod } from '../common/types';

export type { Pod };

export interface DaemonSet extends KObject {
  spec?: {
    selector?: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
    template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Pod['spec'] };
    updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
  };
  status?: DaemonSetStatus;
}

export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
}

export interface DaemonNode extends KObject {
  spec?: { taints?: { key: string; value?: string; effect: string }[]; unschedulable?: boolean };
}

export { REVISION_HASH_LABEL, type ControllerRevision } from '../history/revisions';
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
