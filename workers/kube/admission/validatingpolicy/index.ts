// ValidatingAdmissionPolicy: the CEL environment, matching and evaluation (pure; the api worker's
// admission stage supplies the stored policies, bindings, params and namespace).
export { compile, celEnvironment, toCel, type Compiled } from './cel';
export { compilePolicy, type CompiledPolicy } from './compiled';
export { matches, bindingMatches, ruleMatches } from './match';
export { evaluatePolicies, denialText, reasonCode, type Denial, type PolicyOutcome, type PolicySources, type ParamLookup } from './evaluate';
export type { AdmissionAttributes, Binding, Policy, Operation } from './types';
