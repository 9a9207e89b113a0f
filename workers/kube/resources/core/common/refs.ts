// Reference and selector types shared by many core/v1 kinds.
import { z } from 'zod';
import { quantity } from '../../../schemas/meta';
import { coreId, opt as o } from './util';

/** Resource name → quantity, e.g. { cpu: "500m", memory: "1Gi" }. */
export const resourceList = () => z.record(z.string(), quantity());

export const localObjectReference = z
  .strictObject({ name: o(z.string(), 'Name of the referent in the same namespace.') })
  .meta({ id: coreId('LocalObjectReference'), description: 'A reference by name to an object in the same namespace.' });

export const objectReference = z
  .strictObject({
    apiVersion: o(z.string(), 'API version of the referent.'),
    kind: o(z.string(), 'Kind of the referent.'),
    name: o(z.string(), 'Name of the referent.'),
    namespace: o(z.string(), 'Namespace of the referent.'),
    uid: o(z.string(), 'UID of the referent.'),
    resourceVersion: o(z.string(), 'Specific resourceVersion this reference was made to, if any.'),
    fieldPath: o(z.string(), 'A path to a part of the referent, e.g. spec.containers{name}.'),
  })
  .meta({ id: coreId('ObjectReference'), description: 'A full reference to any object, used where the referent kind is not fixed.' });

export const typedLocalObjectReference = z
  .strictObject({
    apiGroup: o(z.string(), 'API group of the referent; empty for the core group.'),
    kind: z.string().meta({ description: 'Kind of the referent.' }),
    name: z.string().meta({ description: 'Name of the referent.' }),
  })
  .meta({ id: coreId('TypedLocalObjectReference'), description: 'A reference to an object of a given kind in the same namespace.' });

export const typedObjectReference = z
  .strictObject({
    apiGroup: o(z.string(), 'API group of the referent; empty for the core group.'),
    kind: z.string().meta({ description: 'Kind of the referent.' }),
    name: z.string().meta({ description: 'Name of the referent.' }),
    namespace: o(z.string(), 'Namespace of the referent, if it may differ from the referrer.'),
  })
  .meta({ id: coreId('TypedObjectReference'), description: 'A reference to an object of a given kind, possibly in another namespace.' });

export const secretReference = z
  .strictObject({ name: o(z.string(), 'Name of the secret.'), namespace: o(z.string(), 'Namespace of the secret.') })
  .meta({ id: coreId('SecretReference'), description: 'A reference to a Secret that may live in another namespace.' });

export const configMapKeySelector = z
  .strictObject({
    key: z.string().meta({ description: 'The key to select.' }),
    name: o(z.string(), 'Name of the ConfigMap.'),
    optional: o(z.boolean(), 'Whether the ConfigMap or its key may be missing.'),
  })
  .meta({ id: coreId('ConfigMapKeySelector'), description: 'Selects one key of a ConfigMap.' });

export const secretKeySelector = z
  .strictObject({
    key: z.string().meta({ description: 'The key of the secret to select.' }),
    name: o(z.string(), 'Name of the Secret.'),
    optional: o(z.boolean(), 'Whether the Secret or its key may be missing.'),
  })
  .meta({ id: coreId('SecretKeySelector'), description: 'Selects one key of a Secret.' });

export const objectFieldSelector = z
  .strictObject({
    apiVersion: o(z.string(), 'Version of the schema fieldPath is written in; defaults to v1.'),
    fieldPath: z.string().meta({ description: 'Path of the field to select, e.g. metadata.name.' }),
  })
  .meta({ id: coreId('ObjectFieldSelector'), description: 'Selects a field of the pod.' });

export const resourceFieldSelector = z
  .strictObject({
    containerName: o(z.string(), 'Container name; required for volumes.'),
    divisor: o(quantity(), 'Output unit of the exposed value; defaults to 1.'),
    resource: z.string().meta({ description: 'Resource to select, e.g. limits.cpu.' }),
  })
  .meta({ id: coreId('ResourceFieldSelector'), description: 'Selects a container resource (limit or request).' });

export const nodeSelectorRequirement = z
  .strictObject({
    key: z.string().meta({ description: 'Label or field key the selector applies to.' }),
    operator: z.string().meta({ description: 'In, NotIn, Exists, DoesNotExist, Gt or Lt.' }),
    values: o(z.array(z.string()).meta({ 'x-kubernetes-list-type': 'atomic' }), 'Values to compare against.'),
  })
  .meta({ id: coreId('NodeSelectorRequirement'), description: 'A key, operator and values that nodes are matched against.' });

export const nodeSelectorTerm = z
  .strictObject({
    matchExpressions: o(z.array(nodeSelectorRequirement).meta({ 'x-kubernetes-list-type': 'atomic' }), 'Requirements on node labels.'),
    matchFields: o(z.array(nodeSelectorRequirement).meta({ 'x-kubernetes-list-type': 'atomic' }), 'Requirements on node fields.'),
  })
  .meta({ id: coreId('NodeSelectorTerm'), description: 'Requirements that are ANDed; an empty term matches nothing.' });

export const nodeSelector = z
  .strictObject({
    nodeSelectorTerms: z.array(nodeSelectorTerm).meta({ 'x-kubernetes-list-type': 'atomic', description: 'Terms that are ORed.' }),
  })
  .meta({ id: coreId('NodeSelector'), description: 'A union of node selector terms.', 'x-kubernetes-map-type': 'atomic' });

export const topologySelectorTerm = z
  .strictObject({
    matchLabelExpressions: o(
      z.array(
        z
          .strictObject({ key: z.string(), values: z.array(z.string()).meta({ 'x-kubernetes-list-type': 'atomic' }) })
          .meta({ id: coreId('TopologySelectorLabelRequirement'), description: 'A topology label key and its allowed values.' }),
      ).meta({ 'x-kubernetes-list-type': 'atomic' }),
    ),
  })
  .meta({ id: coreId('TopologySelectorTerm'), description: 'A topology domain selector.', 'x-kubernetes-map-type': 'atomic' });
