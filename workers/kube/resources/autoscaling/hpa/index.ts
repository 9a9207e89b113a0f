// The HorizontalPodAutoscaler resource (autoscaling/v2).
import type { ResourceDef } from '../../../registry/types';
import type { Stored } from '../../apps/common/types';
import { defaultHorizontalPodAutoscaler } from './defaults';
import { horizontalPodAutoscaler, type HorizontalPodAutoscaler } from './schema';
import { validateHorizontalPodAutoscaler } from './validate';

export { horizontalPodAutoscaler, type HorizontalPodAutoscaler } from './schema';

export const horizontalPodAutoscalers: ResourceDef<Stored<HorizontalPodAutoscaler>> = {
  group: 'autoscaling',
  version: 'v2',
  kind: 'HorizontalPodAutoscaler',
  plural: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  namespaced: true,
  shortNames: ['hpa'],
  categories: ['all'],
  schema: horizontalPodAutoscaler,
  status: true,
  generation: 'spec',
  defaults: defaultHorizontalPodAutoscaler,
  validate: validateHorizontalPodAutoscaler,
};
