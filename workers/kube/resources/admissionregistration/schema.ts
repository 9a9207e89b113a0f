// admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding types.
import { z } from 'zod';
import { atomicList, condition, int64, kobject, labelSelector, mapList, setList } from '../../schemas/meta';

const id = (t: string) => `io.k8s.api.admissionregistration.v1.${t}`;
const str = (description: string) => z.string().meta({ description });

export const paramKind = z
  .strictObject({
    apiVersion: str('Group/version of the parameter resource, e.g. "v1" or "rules.example.com/v1".').optional(),
    kind: str('Kind of the parameter resource, e.g. ConfigMap.').optional(),
  })
  .meta({ id: id('ParamKind'), description: 'The kind of resource a policy reads its parameters from.', 'x-kubernetes-map-type': 'atomic' });

export const namedRuleWithOperations = z
  .strictObject({
    resourceNames: atomicList(z.string(), 'Object names the rule is limited to; empty means any.').optional(),
    operations: atomicList(z.string(), 'CREATE, UPDATE, DELETE, CONNECT or "*".').optional(),
    apiGroups: atomicList(z.string(), 'API groups; "" is the core group, "*" all groups.').optional(),
    apiVersions: atomicList(z.string(), 'API versions; "*" all versions.').optional(),
    resources: atomicList(z.string(), 'Resources ("pods", "pods/status", "*", "*/*", "*/scale").').optional(),
    scope: str('"Cluster", "Namespaced" or "*" (the default).').optional(),
  })
  .meta({ id: id('NamedRuleWithOperations'), description: 'Operations and resources a rule matches, optionally by name.', 'x-kubernetes-map-type': 'atomic' });

export const matchResources = z
  .strictObject({
    namespaceSelector: labelSelector.optional().meta({ description: 'Match objects in namespaces with these labels (a Namespace matches by its own labels).' }),
    objectSelector: labelSelector.optional().meta({ description: 'Match objects (new or old) with these labels.' }),
    resourceRules: atomicList(namedRuleWithOperations, 'Operations and resources that match.').optional(),
    excludeResourceRules: atomicList(namedRuleWithOperations, 'Operations and resources that never match.').optional(),
    matchPolicy: str('Exact or Equivalent (the default).').optional(),
  })
  .meta({ id: id('MatchResources'), description: 'Which requests a policy or binding applies to.', 'x-kubernetes-map-type': 'atomic' });

export const validation = z
  .strictObject({
    expression: str('CEL expression that must evaluate to true for the request to pass.'),
    message: str('Message returned when the expression is false.').optional(),
    reason: str('Unauthorized, Forbidden, Invalid (the default) or RequestEntityTooLarge.').optional(),
    messageExpression: str('CEL expression evaluating to the message returned when the expression is false.').optional(),
  })
  .meta({ id: id('Validation'), description: 'One CEL validation of a policy.' });

export const auditAnnotation = z
  .strictObject({
    key: str('Audit annotation key, prefixed with the policy name.'),
    valueExpression: str('CEL expression evaluating to the annotation value (string) or null (no annotation).'),
  })
  .meta({ id: id('AuditAnnotation'), description: 'An audit annotation a policy records.' });

export const matchCondition = z
  .strictObject({
    name: str('Identifier of the condition, unique in the policy.'),
    expression: str('CEL expression that must be true for the policy to apply.'),
  })
  .meta({ id: id('MatchCondition'), description: 'A CEL precondition of a policy.' });

export const variable = z
  .strictObject({
    name: str('Name, used as variables.<name> in later expressions.'),
    expression: str('CEL expression computing the value.'),
  })
  .meta({ id: id('Variable'), description: 'A named CEL value shared by the expressions of a policy.', 'x-kubernetes-map-type': 'atomic' });

export const policySpec = z
  .strictObject({
    paramKind: paramKind.optional().meta({ description: 'The kind of resource parameters come from; unset means the policy takes none.' }),
    matchConstraints: matchResources.optional().meta({ description: 'Requests the policy applies to. Required.' }),
    validations: atomicList(validation, 'CEL validations; all must pass.').optional(),
    failurePolicy: str('Fail (the default) or Ignore: what an evaluation error or misconfiguration does.').optional(),
    auditAnnotations: atomicList(auditAnnotation, 'Annotations recorded in the audit event.').optional(),
    matchConditions: mapList(matchCondition, 'name', { description: 'All must be true for the policy to apply.' }).optional(),
    variables: atomicList(variable, 'Named values usable as variables.<name>.').optional(),
  })
  .meta({ id: id('ValidatingAdmissionPolicySpec'), description: 'The desired behaviour of a ValidatingAdmissionPolicy.' });

export const expressionWarning = z
  .strictObject({ fieldRef: str('Path of the field the warning is about.'), warning: str('The warning.') })
  .meta({ id: id('ExpressionWarning'), description: 'A type-checking warning about one expression.' });

export const policyStatus = z
  .strictObject({
    observedGeneration: int64().optional().meta({ description: 'The generation the controller observed.' }),
    typeChecking: z
      .strictObject({ expressionWarnings: atomicList(expressionWarning).optional() })
      .optional()
      .meta({ id: id('TypeChecking'), description: 'Results of type checking the expressions.' }),
    conditions: mapList(condition, 'type', { description: 'The latest observations of the policy state.' }).optional(),
  })
  .meta({ id: id('ValidatingAdmissionPolicyStatus'), description: 'The observed state of a ValidatingAdmissionPolicy.' });

export const paramRef = z
  .strictObject({
    name: str('Name of the parameter object (exclusive with selector).').optional(),
    namespace: str('Namespace of the parameter objects; empty means the request namespace for namespaced kinds.').optional(),
    selector: labelSelector.optional().meta({ description: 'Selects several parameter objects; each is evaluated.' }),
    parameterNotFoundAction: str('Allow or Deny (the default): what happens when no parameter object is found.').optional(),
  })
  .meta({ id: id('ParamRef'), description: 'How a binding finds the parameters of its policy.', 'x-kubernetes-map-type': 'atomic' });

export const bindingSpec = z
  .strictObject({
    policyName: str('Name of the ValidatingAdmissionPolicy bound. Required.').optional(),
    paramRef: paramRef.optional(),
    matchResources: matchResources.optional().meta({ description: 'Narrows the requests the policy applies to through this binding.' }),
    validationActions: setList(z.string(), 'Deny, Warn and/or Audit: what a failed validation does. Required.').optional(),
  })
  .meta({ id: id('ValidatingAdmissionPolicyBindingSpec'), description: 'Binds a policy to resources and parameters.' });

export const policySchema = kobject(id('ValidatingAdmissionPolicy'), 'CEL validations applied to matching requests before they are stored.', {
  spec: policySpec.optional(),
  status: policyStatus.optional(),
});

export const bindingSchema = kobject(id('ValidatingAdmissionPolicyBinding'), 'Applies a ValidatingAdmissionPolicy with parameters to a set of resources.', {
  spec: bindingSpec.optional(),
});

export type ParamKind = z.infer<typeof paramKind>;
export type NamedRule = z.infer<typeof namedRuleWithOperations>;
export type MatchResources = z.infer<typeof matchResources>;
export type PolicySpec = z.infer<typeof policySpec>;
export type BindingSpec = z.infer<typeof bindingSpec>;
export type ParamRef = z.infer<typeof paramRef>;
