// JSONSchemaProps: the OpenAPI v3 schema dialect CRDs use, with the x-kubernetes-* extensions.
// Recursive, so it is a lazy schema with a hand-written TypeScript type.
import { z } from 'zod';
import { atomicList, int64 } from '../../schemas/meta';

export interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
  fieldPath?: string;
  optionalOldSelf?: boolean;
}

export interface JSONSchemaProps {
  id?: string;
  $schema?: string;
  $ref?: string;
  description?: string;
  type?: string;
  format?: string;
  title?: string;
  default?: unknown;
  maximum?: number;
  exclusiveMaximum?: boolean;
  minimum?: number;
  exclusiveMinimum?: boolean;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  maxItems?: number;
  minItems?: number;
  uniqueItems?: boolean;
  multipleOf?: number;
  enum?: unknown[];
  maxProperties?: number;
  minProperties?: number;
  required?: string[];
  items?: JSONSchemaProps | JSONSchemaProps[];
  allOf?: JSONSchemaProps[];
  oneOf?: JSONSchemaProps[];
  anyOf?: JSONSchemaProps[];
  not?: JSONSchemaProps;
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: JSONSchemaProps | boolean;
  patternProperties?: Record<string, JSONSchemaProps>;
  dependencies?: Record<string, JSONSchemaProps | string[]>;
  additionalItems?: JSONSchemaProps | boolean;
  definitions?: Record<string, JSONSchemaProps>;
  externalDocs?: { description?: string; url?: string };
  example?: unknown;
  nullable?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-validations'?: ValidationRule[];
}

const P = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';

const validationRule = z
  .strictObject({
    rule: z.string().meta({ description: 'CEL expression that must evaluate to true.' }),
    message: z.string().optional(),
    messageExpression: z.string().optional(),
    reason: z.string().optional(),
    fieldPath: z.string().optional(),
    optionalOldSelf: z.boolean().optional(),
  })
  .meta({ id: `${P}.ValidationRule`, description: 'A CEL validation rule attached to a schema node.' });

const externalDocs = z
  .strictObject({ description: z.string().optional(), url: z.string().optional() })
  .meta({ id: `${P}.ExternalDocumentation`, description: 'A link to more documentation.' });

const json = z.unknown().meta({ id: `${P}.JSON`, description: 'Any JSON value.' });

export const jsonSchemaProps: z.ZodType<JSONSchemaProps> = z.lazy(() =>
  z
    .strictObject({
      id: z.string().optional(),
      $schema: z.string().optional(),
      $ref: z.string().optional(),
      description: z.string().optional(),
      type: z.string().optional(),
      format: z.string().optional(),
      title: z.string().optional(),
      default: json.optional(),
      maximum: z.number().optional(),
      exclusiveMaximum: z.boolean().optional(),
      minimum: z.number().optional(),
      exclusiveMinimum: z.boolean().optional(),
      maxLength: int64().optional(),
      minLength: int64().optional(),
      pattern: z.string().optional(),
      maxItems: int64().optional(),
      minItems: int64().optional(),
      uniqueItems: z.boolean().optional(),
      multipleOf: z.number().optional(),
      enum: z.array(json).optional(),
      maxProperties: int64().optional(),
      minProperties: int64().optional(),
      required: z.array(z.string()).optional(),
      // A schema, or (JSON schema tuples) a list of schemas.
      items: z.union([jsonSchemaProps, z.array(jsonSchemaProps)]).optional(),
      allOf: z.array(jsonSchemaProps).optional(),
      oneOf: z.array(jsonSchemaProps).optional(),
      anyOf: z.array(jsonSchemaProps).optional(),
      not: jsonSchemaProps.optional(),
      properties: z.record(z.string(), jsonSchemaProps).optional(),
      additionalProperties: z.union([jsonSchemaProps, z.boolean()]).optional(),
      patternProperties: z.record(z.string(), jsonSchemaProps).optional(),
      dependencies: z.record(z.string(), z.union([jsonSchemaProps, z.array(z.string())])).optional(),
      additionalItems: z.union([jsonSchemaProps, z.boolean()]).optional(),
      definitions: z.record(z.string(), jsonSchemaProps).optional(),
      externalDocs: externalDocs.optional(),
      example: json.optional(),
      nullable: z.boolean().optional(),
      'x-kubernetes-preserve-unknown-fields': z.boolean().optional().meta({ description: 'Keep fields the schema does not name.' }),
      'x-kubernetes-embedded-resource': z.boolean().optional().meta({ description: 'The value is a whole Kubernetes object with apiVersion, kind and metadata.' }),
      'x-kubernetes-int-or-string': z.boolean().optional().meta({ description: 'The value may be an integer or a string.' }),
      'x-kubernetes-list-map-keys': atomicList(z.string()).optional(),
      'x-kubernetes-list-type': z.string().optional().meta({ description: 'atomic, set or map.' }),
      'x-kubernetes-map-type': z.string().optional().meta({ description: 'granular or atomic.' }),
      'x-kubernetes-validations': mapListOfRules(),
    })
    .meta({ id: `${P}.JSONSchemaProps`, description: 'A JSON schema (OpenAPI v3 subset) describing custom object fields.' }),
);

function mapListOfRules() {
  return z
    .array(validationRule)
    .optional()
    .meta({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['rule'], 'x-kubernetes-patch-merge-key': 'rule', 'x-kubernetes-patch-strategy': 'merge' });
}
