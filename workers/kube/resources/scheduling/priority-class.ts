// scheduling.k8s.io/v1 PriorityClass: maps a class name to a pod priority.
import { z } from 'zod';
import type { KObject, ResourceDef } from '../../registry/types';
import { int32, kobject } from '../../schemas/meta';

export const priorityClassSchema = kobject('io.k8s.api.scheduling.v1.PriorityClass', 'A named pod priority.', {
  value: int32().meta({ description: 'Priority of pods using this class; higher schedules first. Immutable.' }),
  globalDefault: z.boolean().optional().meta({ description: 'Use this class for pods that name none; at most one class may set it.' }),
  description: z.string().optional().meta({ description: 'When to use this class.' }),
  preemptionPolicy: z.string().optional().meta({ description: 'PreemptLowerPriority (default) or Never. Immutable.' }),
});

type PriorityClass = KObject & { value: number; globalDefault?: boolean; description?: string; preemptionPolicy?: string };

/** Values above this are reserved for the built-in system classes. */
export const HIGHEST_USER_PRIORITY = 1_000_000_000;
const SYSTEM_CLASSES: Record<string, number> = { 'system-node-critical': 2_000_001_000, 'system-cluster-critical': 2_000_000_000 };
const PREEMPTION = ['Never', 'PreemptLowerPriority'];

const isSystemClass = (pc: PriorityClass) => SYSTEM_CLASSES[pc.metadata.name ?? ''] === pc.value && !pc.globalDefault;

export const priorityClass: ResourceDef<PriorityClass> = {
  group: 'scheduling.k8s.io',
  version: 'v1',
  kind: 'PriorityClass',
  plural: 'priorityclasses',
  singular: 'priorityclass',
  namespaced: false,
  shortNames: ['pc'],
  schema: priorityClassSchema,
  generation: 'none',
  defaults(obj) {
    obj.preemptionPolicy ??= 'PreemptLowerPriority';
  },
  validate(obj, errs) {
    if (!isSystemClass(obj)) {
      if ((obj.metadata.name ?? '').startsWith('system-'))
        errs.forbidden('metadata.name', "priority class names with 'system-' prefix are reserved for system use only");
      if (obj.value > HIGHEST_USER_PRIORITY) errs.forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`);
    }
    if (obj.preemptionPolicy !== undefined && !PREEMPTION.includes(obj.preemptionPolicy))
      errs.notSupported('preemptionPolicy', obj.preemptionPolicy, PREEMPTION);
  },
  // Running pods carry the value they were admitted with; changing it would make them inconsistent.
  validateUpdate(obj, old, errs) {
    if (obj.value !== old.value) errs.forbidden('value', 'may not be changed in an update.');
    if (obj.preemptionPolicy !== old.preemptionPolicy) errs.immutable('preemptionPolicy', obj.preemptionPolicy);
  },
};
