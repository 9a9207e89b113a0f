// apiextensions.k8s.io/v1 CustomResourceDefinition: declares a new kind the API server then serves.
import { z } from 'zod';
import { atomicList, int32, kobject, mapList, time } from '../../schemas/meta';
import { jsonSchemaProps } from './json-schema-props';

const P = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';

export const crdNames = z
  .strictObject({
    plural: z.string().meta({ description: 'Lower-case plural used in URLs, e.g. crontabs.' }),
    singular: z.string().optional().meta({ description: 'Lower-case singular; defaults to the lower-cased kind.' }),
    shortNames: atomicList(z.string(), 'Short aliases for kubectl, e.g. ct.').optional(),
    kind: z.string().meta({ description: 'CamelCase kind of the objects, e.g. CronTab.' }),
    listKind: z.string().optional().meta({ description: 'Kind of lists; defaults to kind + "List".' }),
    categories: atomicList(z.string(), 'Groups this resource belongs to, e.g. all.').optional(),
  })
  .meta({ id: `${P}.CustomResourceDefinitionNames`, description: 'The names a custom resource is served under.' });

const scale = z
  .strictObject({
    specReplicasPath: z.string().meta({ description: 'JSON path to the desired replicas, under .spec.' }),
    statusReplicasPath: z.string().meta({ description: 'JSON path to the observed replicas, under .status.' }),
    labelSelectorPath: z.string().optional().meta({ description: 'JSON path to a serialized label selector, under .spec or .status.' }),
  })
  .meta({ id: `${P}.CustomResourceSubresourceScale`, description: 'How the /scale subresource maps onto the object.' });

const subresources = z
  .strictObject({
    status: z.strictObject({}).meta({ id: `${P}.CustomResourceSubresourceStatus`, description: 'Enables /status.' }).optional(),
    scale: scale.optional(),
  })
  .meta({ id: `${P}.CustomResourceSubresources`, description: 'Subresources served for a version.' });

const printerColumn = z
  .strictObject({
    name: z.string().meta({ description: 'Column header.' }),
    type: z.string().meta({ description: 'integer, number, string, boolean or date.' }),
    format: z.string().optional().meta({ description: 'OpenAPI format hint for the column.' }),
    description: z.string().optional(),
    priority: int32().optional().meta({ description: '0 shows in the default view; higher only with -o wide.' }),
    jsonPath: z.string().meta({ description: 'Simple JSON path evaluated on each object.' }),
  })
  .meta({ id: `${P}.CustomResourceColumnDefinition`, description: 'An extra column for kubectl get.' });

const selectableField = z
  .strictObject({ jsonPath: z.string().meta({ description: 'Path of a field usable in field selectors.' }) })
  .meta({ id: `${P}.SelectableField`, description: 'A field that may be used in field selectors.' });

export const crdVersion = z
  .strictObject({
    name: z.string().meta({ description: 'Version name, e.g. v1 or v1beta1.' }),
    served: z.boolean().meta({ description: 'Whether this version is served.' }),
    storage: z.boolean().meta({ description: 'Whether objects are stored in this version; exactly one version sets it.' }),
    deprecated: z.boolean().optional(),
    deprecationWarning: z.string().optional(),
    schema: z
      .strictObject({ openAPIV3Schema: jsonSchemaProps.optional() })
      .meta({ id: `${P}.CustomResourceValidation`, description: 'Schema of this version.' })
      .optional(),
    subresources: subresources.optional(),
    additionalPrinterColumns: atomicList(printerColumn, 'Extra columns for kubectl get.').optional(),
    selectableFields: atomicList(selectableField, 'Fields usable in field selectors.').optional(),
  })
  .meta({ id: `${P}.CustomResourceDefinitionVersion`, description: 'One version of a custom resource.' });

const serviceReference = z
  .strictObject({
    namespace: z.string(),
    name: z.string(),
    path: z.string().optional(),
    port: int32().optional().meta({ description: 'Defaults to 443.' }),
  })
  .meta({ id: `${P}.ServiceReference`, description: 'A Service that serves a webhook.' });

const webhookClientConfig = z
  .strictObject({
    url: z.string().optional(),
    service: serviceReference.optional(),
    caBundle: z.string().optional().meta({ format: 'byte', description: 'PEM CA bundle, base64-encoded.' }),
  })
  .meta({ id: `${P}.WebhookClientConfig`, description: 'How to reach a webhook.' });

const conversion = z
  .strictObject({
    strategy: z.string().meta({ description: 'None (default) or Webhook.' }),
    webhook: z
      .strictObject({
        clientConfig: webhookClientConfig.optional(),
        conversionReviewVersions: atomicList(z.string(), 'ConversionReview versions the webhook accepts, in order of preference.').optional(),
      })
      .meta({ id: `${P}.WebhookConversion`, description: 'Webhook converting between versions.' })
      .optional(),
  })
  .meta({ id: `${P}.CustomResourceConversion`, description: 'How objects are converted between versions.' });

export const crdSpec = z
  .strictObject({
    group: z.string().meta({ description: 'API group, e.g. stable.example.com.' }),
    names: crdNames,
    scope: z.string().meta({ description: 'Namespaced or Cluster.' }),
    versions: atomicList(crdVersion, 'Served versions.').optional(),
    conversion: conversion.optional(),
    preserveUnknownFields: z.boolean().optional().meta({ description: 'Legacy; must be false in v1.' }),
  })
  .meta({ id: `${P}.CustomResourceDefinitionSpec`, description: 'Desired state of a CustomResourceDefinition.' });

const crdCondition = z
  .strictObject({
    type: z.string(),
    status: z.string(),
    lastTransitionTime: time().optional(),
    reason: z.string().optional(),
    message: z.string().optional(),
  })
  .meta({ id: `${P}.CustomResourceDefinitionCondition`, description: 'One aspect of the definition state, e.g. Established.' });

const crdStatus = z
  .strictObject({
    conditions: mapList(crdCondition, 'type').optional(),
    acceptedNames: crdNames.optional().meta({ description: 'Names actually being served.' }),
    storedVersions: atomicList(z.string(), 'Versions objects have ever been stored in.').optional(),
  })
  .meta({ id: `${P}.CustomResourceDefinitionStatus`, description: 'Observed state of a CustomResourceDefinition.' });

export const crdSchema = kobject(`${P}.CustomResourceDefinition`, 'Declares a custom resource served by the API server.', {
  spec: crdSpec,
  status: crdStatus.optional(),
});

export type CrdNames = z.infer<typeof crdNames>;
export type CrdVersion = z.infer<typeof crdVersion>;
export type CrdSpec = z.infer<typeof crdSpec>;
export type CrdStatus = z.infer<typeof crdStatus>;
