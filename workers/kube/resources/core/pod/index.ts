// The Pod resource.
import type { ResourceDef, KObject } from '../../../registry/types';
import { kobject } from '../../../schemas/meta';
import { dns1123Subdomain } from '../../../validation/names';
import { opt } from '../common/util';
import { podSpec, defaultPodSpec, validatePodSpec, type PodSpec } from './spec';
import { defaultPodOnly } from './defaults';
import { podStatus } from './status';
import { qosClass } from './qos';
import { validatePodSpecUpdate } from './update';

export const pod = kobject('io.k8s.api.core.v1.Pod', 'A group of containers scheduled together onto one node.', {
  spec: opt(podSpec, 'Desired behavior of the pod.'),
  status: opt(podStatus, 'Observed state of the pod; read-only for users.'),
});

export interface Pod extends KObject {
  spec: PodSpec;
  status?: { phase?: string; qosClass?: string; podIP?: string; nominatedNodeName?: string; [k: string]: unknown };
}

export const podResource: ResourceDef<Pod> = {
  group: '',
  version: 'v1',
  kind: 'Pod',
  plural: 'pods',
  singular: 'pod',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  schema: pod,
  status: true,
  subresources: ['binding', 'eviction', 'log', 'exec', 'attach', 'portforward'],
  generation: 'none',
  nameValidator: dns1123Subdomain,
  defaults(obj) {
    obj.spec ??= { containers: [] };
    defaultPodSpec(obj.spec);
    defaultPodOnly(obj.spec);
  },
  prepareForCreate(obj) {
    obj.spec ??= { containers: [] };
    // Clients cannot create pods with status; the server starts every pod Pending.
    obj.status = { phase: 'Pending', qosClass: qosClass(obj.spec) };
    // spec.priority and preemptionPolicy are the Priority admission plugin's (workers/api/src/admission/priority.ts).
  },
  validate(obj, errs) {
    validatePodSpec(obj.spec ?? { containers: [] }, 'spec', errs);
  },
  validateUpdate(obj, old, errs) {
    validatePodSpecUpdate(obj.spec, old.spec, errs);
  },
  fields(obj) {
    const s = obj.spec ?? {};
    return {
      'spec.nodeName': s.nodeName ?? '',
      'spec.restartPolicy': s.restartPolicy ?? '',
      'spec.schedulerName': s.schedulerName ?? '',
      'spec.serviceAccountName': s.serviceAccountName ?? '',
      'spec.hostNetwork': String(s.hostNetwork ?? false),
      'status.phase': obj.status?.phase ?? '',
      'status.podIP': obj.status?.podIP ?? '',
      'status.nominatedNodeName': obj.status?.nominatedNodeName ?? '',
    };
  },
};
