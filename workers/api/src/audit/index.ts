// Audit: who did what to which object, when, from where, and the outcome (audit.k8s.io/v1 Events in D1).
export { auditRequests, auditIdentity } from './middleware';
export { auditRoutes, AUDIT_EVENTS_PATH } from './query';
export { auditedAuthorizer } from './record';
export { auditConfig, type AuditEnv } from './config';
