// HPA defaults as upstream's autoscaling/v2: min 1, CPU at 80%, and behavior filled only when given.
import type { HorizontalPodAutoscaler, HPAScalingRules } from './schema';

function fillRules(rules: HPAScalingRules | undefined, window: number, policies: () => NonNullable<HPAScalingRules['policies']>): HPAScalingRules {
  const r = rules ?? {};
  r.stabilizationWindowSeconds ??= window;
  r.selectPolicy ??= 'Max';
  r.policies ??= policies();
  return r;
}

export function defaultHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler) {
  const spec = (hpa.spec ??= {});
  spec.minReplicas ??= 1;
  if (!spec.metrics?.length)
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  const b = spec.behavior;
  if (b) {
    // Scale up fast (double, or +4 pods, every 15s); scale down after 5 minutes of lower load.
    b.scaleUp = fillRules(b.scaleUp, 0, () => [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ]);
    b.scaleDown = fillRules(b.scaleDown, 300, () => [{ type: 'Percent', value: 100, periodSeconds: 15 }]);
  }
}
