import type { ResourceDef } from '../../registry/types';
import { endpointSlice } from './endpoint-slice';

/** discovery.k8s.io/v1 resources. */
export const resources: ResourceDef<any>[] = [endpointSlice];

export { endpointSlice, SERVICE_NAME_LABEL } from './endpoint-slice';
export { objectReference, type ObjectReference } from './object-reference';
