export { ingressStatusController } from './status-controller';
export { INGRESS_NODE_LABEL, ingressLoadBalancer } from './status-plan';
