import type { ResourceDef } from '../../registry/types';
import { ingress } from './ingress';
import { ingressClass } from './ingress-class';
import { networkPolicy } from './network-policy';

/** networking.k8s.io/v1 resources. */
export const resources: ResourceDef<any>[] = [ingress, ingressClass, networkPolicy];

export { ingress, ingressClass, networkPolicy };
