// Which printer each built-in kind uses, keyed by "group/Kind" ("" is the core group).
import type { ResourceDef } from '../registry/types';
import { validatingAdmissionPolicyBindingPrinter, validatingAdmissionPolicyPrinter } from './admission';
import { cronJobPrinter, jobPrinter } from './batch';
import { configMapPrinter, namespacePrinter, secretPrinter, serviceAccountPrinter } from './config';
import { crdColumns, type PrinterColumn } from './crd-columns';
import { agePrinter, createdAtPrinter } from './default';
import { eventPrinter, eventsV1Printer } from './event';
import { hpaPrinter } from './hpa';
import { ingressClassPrinter, ingressPrinter, networkPolicyPrinter } from './networking';
import { nodePrinter } from './node';
import { podPrinter } from './pod';
import { leasePrinter, pdbPrinter, priorityClassPrinter, resourceQuotaPrinter } from './policy';
import { bindingPrinter } from './rbac';
import { endpointSlicePrinter, endpointsPrinter, servicePrinter } from './service';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storage';
import type { Printer } from './types';
import { controllerRevisionPrinter, daemonSetPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from './workloads';

const RBAC = 'rbac.authorization.k8s.io';

export const PRINTERS: Record<string, Printer> = {
  '/Pod': podPrinter,
  '/Node': nodePrinter,
  '/Namespace': namespacePrinter,
  '/Service': servicePrinter,
  '/Endpoints': endpointsPrinter,
  '/ConfigMap': configMapPrinter,
  '/Secret': secretPrinter,
  '/ServiceAccount': serviceAccountPrinter,
  '/Event': eventPrinter,
  '/PersistentVolume': persistentVolumePrinter,
  '/PersistentVolumeClaim': persistentVolumeClaimPrinter,
  '/ResourceQuota': resourceQuotaPrinter,
  '/LimitRange': createdAtPrinter,
  'apps/Deployment': deploymentPrinter,
  'apps/ReplicaSet': replicaSetPrinter,
  'apps/StatefulSet': statefulSetPrinter,
  'apps/DaemonSet': daemonSetPrinter,
  'apps/ControllerRevision': controllerRevisionPrinter,
  'batch/Job': jobPrinter,
  'batch/CronJob': cronJobPrinter,
  'autoscaling/HorizontalPodAutoscaler': hpaPrinter,
  'policy/PodDisruptionBudget': pdbPrinter,
  'networking.k8s.io/Ingress': ingressPrinter,
  'networking.k8s.io/IngressClass': ingressClassPrinter,
  'networking.k8s.io/NetworkPolicy': networkPolicyPrinter,
  'discovery.k8s.io/EndpointSlice': endpointSlicePrinter,
  [`${RBAC}/Role`]: createdAtPrinter,
  [`${RBAC}/ClusterRole`]: createdAtPrinter,
  [`${RBAC}/RoleBinding`]: bindingPrinter,
  [`${RBAC}/ClusterRoleBinding`]: bindingPrinter,
  'coordination.k8s.io/Lease': leasePrinter,
  'storage.k8s.io/StorageClass': storageClassPrinter,
  'scheduling.k8s.io/PriorityClass': priorityClassPrinter,
  'events.k8s.io/Event': eventsV1Printer,
  'apiextensions.k8s.io/CustomResourceDefinition': createdAtPrinter,
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy': validatingAdmissionPolicyPrinter,
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding': validatingAdmissionPolicyBindingPrinter,
};

/**
 * The printer for a kind. CRD-served kinds pass their version's additionalPrinterColumns (an
 * empty list still gets the default AGE column); unknown kinds print NAME and AGE.
 */
export function printerFor(def: Pick<ResourceDef, 'group' | 'kind'>, printerColumns?: PrinterColumn[] | null): Printer {
  if (printerColumns !== undefined) return crdColumns(printerColumns);
  return PRINTERS[`${def.group}/${def.kind}`] ?? agePrinter;
}
