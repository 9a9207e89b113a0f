// autoscaling/v1 HorizontalPodAutoscaler: served alongside v2 (the preferred and stored version) by
// conversion, so `kubectl autoscale` (which sends v1) and v1 manifests work.
import type { ResourceDef } from '../../../registry/types';
import { hpaV1ToV2, hpaV2ToV1 } from './convert';
import { horizontalPodAutoscalerV1 } from './schema';

export { hpaV1ToV2, hpaV2ToV1 } from './convert';
export { horizontalPodAutoscalerV1, type HorizontalPodAutoscalerV1 } from './schema';

export const horizontalPodAutoscalersV1: ResourceDef = {
  group: 'autoscaling',
  version: 'v1',
  kind: 'HorizontalPodAutoscaler',
  plural: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  namespaced: true,
  shortNames: ['hpa'],
  categories: ['all'],
  schema: horizontalPodAutoscalerV1,
  status: true,
  generation: 'spec',
  conversion: { storageVersion: 'v2', toStorage: hpaV1ToV2, fromStorage: hpaV2ToV1 },
};
