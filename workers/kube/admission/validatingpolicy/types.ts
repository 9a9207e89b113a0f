// The request as a ValidatingAdmissionPolicy sees it (upstream's admission.Attributes), and the stored
// policy and binding objects.
import type { KObject } from '../../registry/types';
import type { BindingSpec, PolicySpec } from '../../resources/admissionregistration/schema';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface AdmissionAttributes {
  operation: Operation;
  kind: { group: string; version: string; kind: string };
  resource: { group: string; version: string; resource: string };
  subResource: string;
  namespaced: boolean;
  namespace: string;
  name: string;
  object: KObject | null;
  oldObject: KObject | null;
  userInfo: { username: string; uid: string; groups: string[]; extra?: Record<string, string[]> };
  dryRun: boolean;
}

export interface Policy extends KObject {
  spec?: PolicySpec;
}

export interface Binding extends KObject {
  spec?: BindingSpec;
}
