// rbac.authorization.k8s.io/v1, authorization.k8s.io/v1 and authentication.k8s.io/v1.
import { bool, i64, map, meta, msg, msgs, str, strs, time, Z, type MessageDesc, type Registry } from '../types';

const binding: MessageDesc = { 1: meta, 2: msgs('subjects', 'rbac.Subject'), 3: msg('roleRef', 'rbac.RoleRef') };
const review = (spec: string, status: string): MessageDesc => ({ 1: meta, 2: msg('spec', spec), 3: msg('status', status) });
const selectorAttributes = (requirement: string): MessageDesc => ({ 1: str('rawSelector'), 2: msgs('requirements', requirement) });

export const accessTypes: Registry = {
  'rbac.Role': { 1: meta, 2: msgs('rules', 'rbac.PolicyRule') },
  'rbac.ClusterRole': { 1: meta, 2: msgs('rules', 'rbac.PolicyRule'), 3: msg('aggregationRule', 'rbac.AggregationRule') },
  'rbac.RoleBinding': binding,
  'rbac.ClusterRoleBinding': binding,
  'rbac.PolicyRule': {
    1: strs('verbs'),
    2: strs('apiGroups'),
    3: strs('resources'),
    4: strs('resourceNames'),
    5: strs('nonResourceURLs'),
  },
  'rbac.AggregationRule': { 1: msgs('clusterRoleSelectors', 'meta.LabelSelector') },
  'rbac.Subject': { 1: str('kind', Z), 2: str('apiGroup'), 3: str('name', Z), 4: str('namespace') },
  'rbac.RoleRef': { 1: str('apiGroup', Z), 2: str('kind', Z), 3: str('name', Z) },

  'authz.SelfSubjectAccessReview': review('authz.SelfSubjectAccessReviewSpec', 'authz.SubjectAccessReviewStatus'),
  'authz.SubjectAccessReview': review('authz.SubjectAccessReviewSpec', 'authz.SubjectAccessReviewStatus'),
  'authz.SelfSubjectRulesReview': review('authz.SelfSubjectRulesReviewSpec', 'authz.SubjectRulesReviewStatus'),
  'authz.SelfSubjectAccessReviewSpec': {
    1: msg('resourceAttributes', 'authz.ResourceAttributes'),
    2: msg('nonResourceAttributes', 'authz.NonResourceAttributes'),
  },
  'authz.SubjectAccessReviewSpec': {
    1: msg('resourceAttributes', 'authz.ResourceAttributes'),
    2: msg('nonResourceAttributes', 'authz.NonResourceAttributes'),
    3: str('user'),
    4: strs('groups'),
    5: map('extra', 'strings'),
    6: str('uid'),
  },
  'authz.ResourceAttributes': {
    1: str('namespace'),
    2: str('verb'),
    3: str('group'),
    4: str('version'),
    5: str('resource'),
    6: str('subresource'),
    7: str('name'),
    8: msg('fieldSelector', 'authz.FieldSelectorAttributes'),
    9: msg('labelSelector', 'authz.LabelSelectorAttributes'),
  },
  'authz.FieldSelectorAttributes': selectorAttributes('meta.FieldSelectorRequirement'),
  'authz.LabelSelectorAttributes': selectorAttributes('meta.LabelSelectorRequirement'),
  'authz.NonResourceAttributes': { 1: str('path'), 2: str('verb') },
  'authz.SubjectAccessReviewStatus': {
    1: bool('allowed', Z),
    4: bool('denied'),
    2: str('reason'),
    3: str('evaluationError'),
  },
  'authz.SelfSubjectRulesReviewSpec': { 1: str('namespace') },
  'authz.SubjectRulesReviewStatus': {
    1: msgs('resourceRules', 'authz.ResourceRule'),
    2: msgs('nonResourceRules', 'authz.NonResourceRule'),
    3: bool('incomplete', Z),
    4: str('evaluationError'),
  },
  'authz.ResourceRule': { 1: strs('verbs'), 2: strs('apiGroups'), 3: strs('resources'), 4: strs('resourceNames') },
  'authz.NonResourceRule': { 1: strs('verbs'), 2: strs('nonResourceURLs') },

  'authn.TokenRequest': review('authn.TokenRequestSpec', 'authn.TokenRequestStatus'),
  'authn.TokenRequestSpec': {
    1: strs('audiences'),
    4: i64('expirationSeconds', Z),
    3: msg('boundObjectRef', 'authn.BoundObjectReference'),
  },
  'authn.BoundObjectReference': { 1: str('kind'), 2: str('apiVersion'), 3: str('name'), 4: str('uid') },
  'authn.TokenRequestStatus': { 1: str('token', Z), 2: time('expirationTimestamp') },
  'authn.TokenReview': review('authn.TokenReviewSpec', 'authn.TokenReviewStatus'),
  'authn.TokenReviewSpec': { 1: str('token'), 2: strs('audiences') },
  'authn.TokenReviewStatus': {
    1: bool('authenticated'),
    2: msg('user', 'authn.UserInfo'),
    4: strs('audiences'),
    3: str('error'),
  },
  'authn.UserInfo': { 1: str('username'), 2: str('uid'), 3: strs('groups'), 4: map('extra', 'strings') },
  'authn.SelfSubjectReview': { 1: meta, 2: msg('status', 'authn.SelfSubjectReviewStatus') },
  'authn.SelfSubjectReviewStatus': { 1: msg('userInfo', 'authn.UserInfo') },
};
