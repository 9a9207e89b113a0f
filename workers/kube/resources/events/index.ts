import type { ResourceDef } from '../../registry/types';
import { event } from './event';

/** events.k8s.io/v1 resources. */
export const resources: ResourceDef<any>[] = [event];

export { event };
