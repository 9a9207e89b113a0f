export { renderRules } from './render';
export { loadBalancerStatus, type LoadBalancerStatus, type NodeLike } from './load-balancer';
export { applyRules, checkNft, nftApplier, removeRules, runNft, NftUnavailableError, type NftOptions } from './apply';
export { ServiceProxy, type ServiceProxyOptions } from './service-proxy';
export { DEFAULT_TABLE, type EndpointSlice, type RenderInput, type Service } from './types';
