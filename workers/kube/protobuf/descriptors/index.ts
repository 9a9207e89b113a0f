// All message tables, and the top-level kinds a protobuf body may carry (apiVersion/kind -> message).
import type { Registry } from '../types';
import { accessTypes } from './access';
import { coreTypes } from './core';
import { metaTypes } from './meta';
import { netTypes } from './net';
import { podTypes } from './pod';
import { volumeTypes } from './volume';
import { workloadTypes } from './workloads';

export const REGISTRY: Registry = {
  ...metaTypes,
  ...coreTypes,
  ...podTypes,
  ...volumeTypes,
  ...workloadTypes,
  ...accessTypes,
  ...netTypes,
};

const RBAC = 'rbac.authorization.k8s.io/v1';
const AUTHZ = 'authorization.k8s.io/v1';
const AUTHN = 'authentication.k8s.io/v1';
const NET = 'networking.k8s.io/v1';

/** `${apiVersion}/${kind}` -> message type: what kubectl's typed commands (create, run, auth, drain, autoscale) send. */
export const KINDS: Readonly<Record<string, string>> = {
  'v1/Namespace': 'core.Namespace',
  'v1/ConfigMap': 'core.ConfigMap',
  'v1/Secret': 'core.Secret',
  'v1/ServiceAccount': 'core.ServiceAccount',
  'v1/Service': 'core.Service',
  'v1/Pod': 'core.Pod',
  'v1/ResourceQuota': 'core.ResourceQuota',
  'v1/DeleteOptions': 'meta.DeleteOptions',
  'meta.k8s.io/v1/DeleteOptions': 'meta.DeleteOptions',
  'apps/v1/Deployment': 'apps.Deployment',
  'batch/v1/Job': 'batch.Job',
  'batch/v1/CronJob': 'batch.CronJob',
  'autoscaling/v2/HorizontalPodAutoscaler': 'as2.HorizontalPodAutoscaler',
  'autoscaling/v1/HorizontalPodAutoscaler': 'as1.HorizontalPodAutoscaler',
  'autoscaling/v1/Scale': 'as1.Scale',
  [`${RBAC}/Role`]: 'rbac.Role',
  [`${RBAC}/ClusterRole`]: 'rbac.ClusterRole',
  [`${RBAC}/RoleBinding`]: 'rbac.RoleBinding',
  [`${RBAC}/ClusterRoleBinding`]: 'rbac.ClusterRoleBinding',
  [`${AUTHZ}/SelfSubjectAccessReview`]: 'authz.SelfSubjectAccessReview',
  [`${AUTHZ}/SelfSubjectRulesReview`]: 'authz.SelfSubjectRulesReview',
  [`${AUTHZ}/SubjectAccessReview`]: 'authz.SubjectAccessReview',
  [`${AUTHZ}/LocalSubjectAccessReview`]: 'authz.SubjectAccessReview', // same message shape upstream
  [`${AUTHN}/TokenRequest`]: 'authn.TokenRequest',
  [`${AUTHN}/TokenReview`]: 'authn.TokenReview',
  [`${AUTHN}/SelfSubjectReview`]: 'authn.SelfSubjectReview',
  [`${NET}/Ingress`]: 'net.Ingress',
  [`${NET}/IngressClass`]: 'net.IngressClass',
  [`${NET}/NetworkPolicy`]: 'net.NetworkPolicy',
  'policy/v1/PodDisruptionBudget': 'policy.PodDisruptionBudget',
  'policy/v1/Eviction': 'policy.Eviction',
  'scheduling.k8s.io/v1/PriorityClass': 'sched.PriorityClass',
};
