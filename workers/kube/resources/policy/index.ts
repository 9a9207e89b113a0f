// policy/v1: PodDisruptionBudget, and the Eviction body of the pods/eviction subresource.
import type { ResourceDef } from '../../registry/types';
import { podDisruptionBudgets } from './pdb';

export { podDisruptionBudget, type PodDisruptionBudget } from './pdb';
export { eviction, deleteOptions, type Eviction } from './eviction';

/** Resources of this API group. */
export const resources: ResourceDef<any>[] = [podDisruptionBudgets];
