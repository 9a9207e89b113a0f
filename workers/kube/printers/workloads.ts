// apps/v1: Deployments, ReplicaSets, StatefulSets, DaemonSets and ControllerRevisions.
import { AGE, CONTAINERS, IMAGES, NAME, SELECTOR, col } from './columns';
import { since } from './duration';
import { containerCells, formatLabels, labelSelectorText, selectorString } from './format';
import type { Printer } from './types';
import type { KObject } from '../registry/types';
import type { LabelSelectorObject } from '../selectors/labels';

interface PodTemplate {
  spec?: { containers?: { name?: string; image?: string }[]; nodeSelector?: Record<string, string> };
}

interface Workload extends KObject {
  spec?: { replicas?: number; selector?: LabelSelectorObject; template?: PodTemplate };
  status?: Record<string, number | undefined>;
}

const n = (v: number | undefined) => v ?? 0;
// Stored objects are defaulted, so a missing replicas count means the API default of one.
const desired = (o: Workload) => o.spec?.replicas ?? 1;
const containers = (o: Workload) => containerCells(o.spec?.template?.spec?.containers);
const age = (o: KObject, now: number) => since(o.metadata.creationTimestamp, now);

export const deploymentPrinter: Printer<Workload> = {
  columns: [
    NAME,
    col('Ready', 'Ready pods out of desired.'),
    col('Up-to-date', 'Pods running the latest template.'),
    col('Available', 'Pods available to serve.'),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(o, now) {
    const s = o.status ?? {};
    // Deployments print the bare selector string (empty when it selects everything).
    return [o.metadata.name ?? '', `${n(s.readyReplicas)}/${desired(o)}`, n(s.updatedReplicas), n(s.availableReplicas), age(o, now), ...containers(o), selectorString(o.spec?.selector)];
  },
};

export const replicaSetPrinter: Printer<Workload> = {
  columns: [NAME, col('Desired', 'Desired pods.', { type: 'integer' }), col('Current', 'Pods created.', { type: 'integer' }), col('Ready', 'Ready pods.', { type: 'integer' }), AGE, CONTAINERS, IMAGES, SELECTOR],
  cells(o, now) {
    const s = o.status ?? {};
    return [o.metadata.name ?? '', desired(o), n(s.replicas), n(s.readyReplicas), age(o, now), ...containers(o), labelSelectorText(o.spec?.selector)];
  },
};

export const statefulSetPrinter: Printer<Workload> = {
  columns: [NAME, col('Ready', 'Ready pods out of desired.'), AGE, CONTAINERS, IMAGES],
  cells: (o, now) => [o.metadata.name ?? '', `${n(o.status?.readyReplicas)}/${desired(o)}`, age(o, now), ...containers(o)],
};

export const daemonSetPrinter: Printer<Workload> = {
  columns: [
    NAME,
    col('Desired', 'Nodes that should run the pod.', { type: 'integer' }),
    col('Current', 'Nodes running the pod.', { type: 'integer' }),
    col('Ready', 'Nodes with a ready pod.', { type: 'integer' }),
    col('Up-to-date', 'Nodes running the latest template.', { type: 'integer' }),
    col('Available', 'Nodes with an available pod.', { type: 'integer' }),
    col('Node Selector', 'Node labels the pods require.'),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(o, now) {
    const s = o.status ?? {};
    return [
      o.metadata.name ?? '',
      n(s.desiredNumberScheduled),
      n(s.currentNumberScheduled),
      n(s.numberReady),
      n(s.updatedNumberScheduled),
      n(s.numberAvailable),
      formatLabels(o.spec?.template?.spec?.nodeSelector),
      age(o, now),
      ...containers(o),
      labelSelectorText(o.spec?.selector),
    ];
  },
};

/** "statefulset.apps/web" for the controlling owner, "<none>" without one. */
export function controllerText(o: KObject): string {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller);
  if (!ref) return '<none>';
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
  const kind = group ? `${ref.kind}.${group}` : ref.kind;
  return kind ? `${kind.toLowerCase()}/${ref.name}` : ref.name;
}

export const controllerRevisionPrinter: Printer<KObject & { revision?: number }> = {
  columns: [NAME, col('Controller', 'Object that owns this revision.'), col('Revision', 'Revision number.'), AGE],
  cells: (o, now) => [o.metadata.name ?? '', controllerText(o), o.revision ?? 0, age(o, now)],
};
