import type { ResourceDef } from '../../registry/types';
import { lease } from './lease';

/** coordination.k8s.io/v1 resources. */
export const resources: ResourceDef<any>[] = [lease];

export { lease };
