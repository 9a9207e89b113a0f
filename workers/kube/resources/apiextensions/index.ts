import type { ResourceDef } from '../../registry/types';
import { customResourceDefinition } from './crd';

/** apiextensions.k8s.io/v1 resources. */
export const resources: ResourceDef<any>[] = [customResourceDefinition];

export { customResourceDefinition };
export { crdToResourceDefs, type CustomResourceDefinition } from './crd-to-defs';
export { customObjectSchema, customKindId, toZod } from './openapi-to-zod';
export type { JSONSchemaProps } from './json-schema-props';
