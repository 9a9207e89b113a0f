// Core ("" group, v1) resources.
import type { ResourceDef } from '../../registry/types';
import { configMapResource } from './configmap';
import { endpointsResource } from './endpoints';
import { eventResource } from './event';
import { limitRangeResource } from './limitrange';
import { namespaceResource } from './namespace';
import { nodeResource } from './node';
import { podResource } from './pod';
import { persistentVolumeResource } from './pv';
import { persistentVolumeClaimResource } from './pvc';
import { resourceQuotaResource } from './resourcequota';
import { secretResource } from './secret';
import { serviceResource } from './service';
import { serviceAccountResource } from './serviceaccount';

export { binding } from './binding';

/** Resources of this API group. */
export const resources: ResourceDef<any>[] = [
  namespaceResource,
  nodeResource,
  podResource,
  serviceResource,
  endpointsResource,
  configMapResource,
  secretResource,
  serviceAccountResource,
  eventResource,
  persistentVolumeResource,
  persistentVolumeClaimResource,
  resourceQuotaResource,
  limitRangeResource,
];
