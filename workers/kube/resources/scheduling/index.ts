import type { ResourceDef } from '../../registry/types';
import { priorityClass } from './priority-class';

/** scheduling.k8s.io/v1 resources. */
export const resources: ResourceDef<any>[] = [priorityClass];

export { priorityClass, HIGHEST_USER_PRIORITY } from './priority-class';
