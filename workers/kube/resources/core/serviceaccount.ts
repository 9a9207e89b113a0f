// The ServiceAccount resource: an identity for processes in pods.
import type { KObject, ResourceDef } from '../../registry/types';
import { kobject, atomicList, mapList } from '../../schemas/meta';
import { dns1123Subdomain } from '../../validation/names';
import { z } from 'zod';
import { coreId, opt } from './common/util';
import { localObjectReference, objectReference } from './common/refs';

export const serviceAccount = kobject(coreId('ServiceAccount'), 'An identity for processes that run in pods.', {
  secrets: opt(mapList(objectReference, 'name'), 'Secrets pods running as this account may use (legacy token secrets).'),
  imagePullSecrets: opt(atomicList(localObjectReference), 'Image pull secrets added to pods that use this account.'),
  automountServiceAccountToken: opt(z.boolean(), 'Whether pods using this account get a token mounted by default.'),
});

export const serviceAccountResource: ResourceDef<KObject> = {
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  plural: 'serviceaccounts',
  singular: 'serviceaccount',
  namespaced: true,
  shortNames: ['sa'],
  subresources: ['token'],
  schema: serviceAccount,
  generation: 'none',
  nameValidator: dns1123Subdomain,
};
