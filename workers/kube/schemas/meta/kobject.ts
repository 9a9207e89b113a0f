import { z } from 'zod';
import { objectMeta } from './object-meta';

/**
 * The schema of a whole top-level object: apiVersion, kind, metadata plus the kind's own fields.
 * `id` is the OpenAPI definition name, e.g. "io.k8s.api.apps.v1.Deployment".
 */
export function kobject<S extends z.core.$ZodLooseShape>(id: string, description: string, shape: S) {
  return z
    .strictObject({
      apiVersion: z.string().optional().meta({ description: 'APIVersion defines the versioned schema of this representation of an object.' }),
      kind: z.string().optional().meta({ description: 'Kind is a string value representing the REST resource this object represents.' }),
      metadata: objectMeta.optional().meta({ description: "Standard object's metadata." }),
      ...shape,
    })
    .meta({ id, description });
}
