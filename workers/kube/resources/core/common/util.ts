// Small helpers for writing core/v1 schemas compactly.
import { z } from 'zod';

/** An optional field with a kubectl-explain description. */
export function opt<T extends z.ZodType>(schema: T, description?: string) {
  const o = schema.optional();
  return description ? o.meta({ description }) : o;
}

/** Definition id of a core/v1 type as upstream's OpenAPI names it. */
export const coreId = (name: string) => `io.k8s.api.core.v1.${name}`;
