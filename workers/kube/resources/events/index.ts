import type { ResourceDef } from '../../registry/types';

/** Resources of this API group (filled in as kinds are implemented). */
export const resources: ResourceDef<any>[] = [];
