// Audit policy (audit.k8s.io/v1 Policy): the first rule that matches a request decides its level and the
// stages left out, as upstream's policy checker; no match means None.
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { LEVELS, STAGES, type Level, type Stage } from './types';

const groupResources = z.object({
  group: z.string().optional(),
  resources: z.array(z.string()).optional(),
  resourceNames: z.array(z.string()).optional(),
});
const rule = z.object({
  level: z.enum(LEVELS as [Level, ...Level[]]),
  users: z.array(z.string()).optional(),
  userGroups: z.array(z.string()).optional(),
  verbs: z.array(z.string()).optional(),
  resources: z.array(groupResources).optional(),
  namespaces: z.array(z.string()).optional(),
  nonResourceURLs: z.array(z.string()).optional(),
  omitStages: z.array(z.enum(STAGES as [Stage, ...Stage[]])).optional(),
  omitManagedFields: z.boolean().optional(),
});
const policy = z.object({
  apiVersion: z.literal('audit.k8s.io/v1').optional(),
  kind: z.literal('Policy').optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  rules: z.array(rule),
  omitStages: z.array(z.enum(STAGES as [Stage, ...Stage[]])).optional(),
  omitManagedFields: z.boolean().optional(),
});
export type Policy = z.infer<typeof policy>;
export type PolicyRule = z.infer<typeof rule>;

/** What a policy looks at (upstream authorizer.Attributes). */
export interface PolicyAttributes {
  user: { name: string; groups: string[] };
  verb: string;
  /** Resource requests. */
  resource?: { group: string; resource: string; subresource?: string; namespace?: string; name?: string };
  /** Non-resource requests: the URL path. */
  path?: string;
}

export interface PolicyDecision {
  level: Level;
  omitStages: Stage[];
}

/** Parses a Policy from JSON or YAML; throws with the first problem. */
export function parsePolicy(text: string): Policy {
  const data: unknown = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text);
  const r = policy.safeParse(data);
  if (!r.success) throw new Error(`invalid audit policy: ${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`);
  return r.data;
}

export function evaluatePolicy(p: Policy, a: PolicyAttributes): PolicyDecision {
  for (const r of p.rules) {
    if (ruleMatches(r, a)) return { level: r.level, omitStages: [...(p.omitStages ?? []), ...(r.omitStages ?? [])] };
  }
  return { level: 'None', omitStages: p.omitStages ?? [] };
}

function ruleMatches(r: PolicyRule, a: PolicyAttributes): boolean {
  if (r.users?.length && !r.users.includes(a.user.name)) return false;
  if (r.userGroups?.length && !a.user.groups.some((g) => r.userGroups!.includes(g))) return false;
  if (r.verbs?.length && !r.verbs.includes(a.verb)) return false;
  const resourceRule = !!(r.namespaces?.length || r.resources?.length);
  const urlRule = !!r.nonResourceURLs?.length;
  if (!resourceRule && !urlRule) return true;
  if (a.resource) return resourceRule && resourceMatches(r, a.resource);
  return urlRule && a.path !== undefined && r.nonResourceURLs!.some((u) => (u.endsWith('*') ? a.path!.startsWith(u.slice(0, -1)) : a.path === u));
}

function resourceMatches(r: PolicyRule, res: NonNullable<PolicyAttributes['resource']>): boolean {
  if (r.namespaces?.length && !r.namespaces.includes(res.namespace ?? '')) return false;
  if (!r.resources?.length) return true;
  const full = res.subresource ? `${res.resource}/${res.subresource}` : res.resource;
  return r.resources.some((gr) => {
    if ((gr.group ?? '') !== res.group && gr.group !== '*') return false;
    if (gr.resources?.length) {
      // "pods" does not match pods/log; "pods/*" matches every pods subresource, "*/status" every status.
      const hit = gr.resources.some((x) => x === '*' || x === full || (x === `${res.resource}/*` && !!res.subresource) || (res.subresource !== undefined && x === `*/${res.subresource}`));
      if (!hit) return false;
    }
    return !gr.resourceNames?.length || (res.name !== undefined && gr.resourceNames.includes(res.name));
  });
}
