import type { ResourceDef } from '../../registry/types';
import { validatingAdmissionPolicyBinding } from './binding';
import { validatingAdmissionPolicy } from './policy';

/** admissionregistration.k8s.io/v1 resources. */
export const resources: ResourceDef<any>[] = [validatingAdmissionPolicy, validatingAdmissionPolicyBinding];

export { validatingAdmissionPolicy, validatingAdmissionPolicyBinding };
