export { PolicyEnforcer, type PolicyEnforcerOptions } from './enforcer';
export { renderNetpol, printFull } from './render';
export { renderDelta } from './delta';
export { buildModel, type NetpolModel } from './model';
export { DEFAULT_NETPOL_TABLE, type NetpolInput, type Namespace, type NetworkPolicy, type Pod } from './types';
