// core/v1 ObjectReference, needed by EndpointSlice targetRef and Event regarding/related. Defined here
// (same OpenAPI id as core's) so these groups do not depend on the core folder's internals.
import { z } from 'zod';

export const objectReference = z
  .strictObject({
    kind: z.string().optional().meta({ description: 'Kind of the referent.' }),
    namespace: z.string().optional().meta({ description: 'Namespace of the referent.' }),
    name: z.string().optional().meta({ description: 'Name of the referent.' }),
    uid: z.string().optional().meta({ description: 'UID of the referent.' }),
    apiVersion: z.string().optional().meta({ description: 'API version of the referent.' }),
    resourceVersion: z.string().optional().meta({ description: 'Resource version of the referent this reference was made from.' }),
    fieldPath: z.string().optional().meta({ description: 'A part of the referent, e.g. "spec.containers{web}".' }),
  })
  .meta({ id: 'io.k8s.api.core.v1.ObjectReference', description: 'Identifies another object, possibly in another namespace.', 'x-kubernetes-map-type': 'atomic' });

export type ObjectReference = z.infer<typeof objectReference>;
