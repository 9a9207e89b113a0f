// metrics.k8s.io/v1beta1 NodeMetrics and PodMetrics, shaped as metrics-server serves them. They are
// never written through the API (only get and list are served), so the schemas exist for discovery,
// OpenAPI (kubectl explain) and the documented shape; the values come from the agents' pushes.
import { z } from 'zod';
import { kobject, mapList, quantity, time } from '../../schemas/meta';
import { opt, req } from '../apps/common/util';

export const metricsId = (name: string) => `io.k8s.metrics.pkg.apis.metrics.v1beta1.${name}`;

const usage = () =>
  z.record(z.string(), quantity()).meta({ description: 'Resource name (cpu, memory) to the average usage over the window.' });

/** A Go duration as metav1.Duration serializes it, e.g. "15s" or "1m0.5s". */
const duration = () => z.string().meta({ description: 'A duration, e.g. "15s".' });

export const containerMetrics = z
  .strictObject({
    name: req(z.string(), 'Container name, as in the pod spec.'),
    usage: req(usage(), 'Memory and CPU usage of the container.'),
  })
  .meta({ id: metricsId('ContainerMetrics'), description: 'Resource usage of one container.' });

export const nodeMetrics = kobject(metricsId('NodeMetrics'), 'Resource usage of a node, as last reported by its agent.', {
  timestamp: opt(time(), 'End of the window the usage was measured over.'),
  window: opt(duration(), 'Length of the window the usage was averaged over.'),
  usage: opt(usage(), 'Memory and CPU usage of the node.'),
});

export const podMetrics = kobject(metricsId('PodMetrics'), 'Resource usage of a pod, as last reported by its node agent.', {
  timestamp: opt(time(), 'End of the window the usage was measured over.'),
  window: opt(duration(), 'Length of the window the usage was averaged over.'),
  containers: opt(mapList(containerMetrics), 'Usage of each container of the pod.'),
});

export type NodeMetrics = z.infer<typeof nodeMetrics>;
export type PodMetrics = z.infer<typeof podMetrics>;
