// Every controller this worker runs, by name (each runs in its own Durable Object).
import type { ControllerSpec } from '../runtime/types';
import { serviceAccountController } from './serviceaccount';
import { rootCaCertPublisher } from './rootcacert';
import { replicaSetController } from '../workloads/replicaset';
import { deploymentController } from '../workloads/deployment';
import { garbageCollector } from '../workloads/garbage-collector';
import { endpointSliceController, endpointsController } from '../networking';
import { namespaceController } from '../namespace';
import { nodeLifecycleController } from '../nodelifecycle';
import { cronJobController, jobController } from '../batch';
import { disruptionController } from '../disruption';
import { daemonSetController } from '../workloads/daemonset';
import { statefulSetController } from '../workloads/statefulset';
import { volumeBindingController } from '../volumes';
import { horizontalPodAutoscalerController } from '../autoscaling';
import { resourceQuotaController } from '../quota';
import { ingressStatusController } from '../ingress';

export const CONTROLLERS: ControllerSpec[] = [serviceAccountController, rootCaCertPublisher, replicaSetController, deploymentController, garbageCollector, endpointSliceController, endpointsController, namespaceController, nodeLifecycleController, disruptionController, daemonSetController, statefulSetController, volumeBindingController, jobController, cronJobController, horizontalPodAutoscalerController, resourceQuotaController, ingressStatusController];

export const controllerByName = new Map(CONTROLLERS.map((c) => [c.name, c]));
