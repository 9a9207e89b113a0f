// autoscaling/v1 Scale: the body of every /scale subresource (not a stored resource).
import { z } from 'zod';
import { int32, kobject } from '../../schemas/meta';
import { opt } from '../apps/common/util';

const v1Id = (name: string) => `io.k8s.api.autoscaling.v1.${name}`;

export const scaleSpec = z
  .strictObject({ replicas: opt(int32(), 'Desired number of instances of the scaled object.') })
  .meta({ id: v1Id('ScaleSpec'), description: 'The requested size of a scalable resource.' });

export const scaleStatus = z
  .strictObject({
    replicas: opt(int32(), 'Actual number of instances observed.'),
    selector: opt(z.string(), 'Label selector of the pods counted, in string form, e.g. "app=web".'),
  })
  .meta({ id: v1Id('ScaleStatus'), description: 'The observed size of a scalable resource.' });

export const scale = kobject(v1Id('Scale'), 'The size of a scalable resource, read and written through its /scale subresource.', {
  spec: opt(scaleSpec, 'Requested size.'),
  status: opt(scaleStatus, 'Observed size; read-only.'),
});

export type Scale = z.infer<typeof scale>;
