// The frame every served OpenAPI v3 document shares.
import type { JsonSchema } from './sanitize';

export const KUBERNETES_VERSION = 'v1.32.0';

export interface OpenApiDocument {
  openapi: '3.0.0';
  info: { title: 'Kubernetes'; version: string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown> };
  security: Record<string, string[]>[];
}

export function documentShell(paths: OpenApiDocument['paths'], schemas: Record<string, JsonSchema>): OpenApiDocument {
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: KUBERNETES_VERSION },
    paths,
    components: {
      schemas,
      securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } },
    },
    security: [{ BearerToken: [] }],
  };
}
