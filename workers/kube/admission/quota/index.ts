// ResourceQuota admission, the pure part: what an object uses, which quotas track it, and the verdicts.
export { toAmount, formatAmount, formatOf } from './amounts';
export { usageOf, trackedResource, resourceKey, countName, isTerminalPod, type Kind, type Usage } from './usage';
export { matchesScopes, requirementsOf, type QuotaSpec, type ScopeRequirement } from './scopes';
export { missingCompute, chargeFor, exceededMessage, type QuotaUsageState } from './check';
