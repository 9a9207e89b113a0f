// authentication.k8s.io/v1: SelfSubjectReview (kubectl auth whoami) and TokenReview, answered from the request's
// authenticated identity and never stored.
import { z } from 'zod';
import type { ResourceDef } from '../../registry/types';
import { kobject } from '../../schemas/meta';

const id = (t: string) => `io.k8s.api.authentication.v1.${t}`;

export const userInfo = z
  .strictObject({
    username: z.string().optional(),
    uid: z.string().optional(),
    groups: z.array(z.string()).optional(),
    extra: z.record(z.string(), z.array(z.string())).optional(),
  })
  .meta({ id: id('UserInfo'), description: 'The identity of a user.' });

export const selfSubjectReview = kobject(id('SelfSubjectReview'), 'Returns the identity the server sees for the current request.', {
  status: z.strictObject({ userInfo: userInfo.optional() }).optional().meta({ id: id('SelfSubjectReviewStatus') }),
});

export const tokenReview = kobject(id('TokenReview'), 'Asks whether a token authenticates, and as whom (answered, never stored).', {
  spec: z
    .strictObject({ token: z.string().optional(), audiences: z.array(z.string()).optional() })
    .meta({ id: id('TokenReviewSpec') }),
  status: z
    .strictObject({ authenticated: z.boolean().optional(), user: userInfo.optional(), audiences: z.array(z.string()).optional(), error: z.string().optional() })
    .optional()
    .meta({ id: id('TokenReviewStatus') }),
});

export const resources: ResourceDef<any>[] = [
  {
    group: 'authentication.k8s.io',
    version: 'v1',
    kind: 'TokenReview',
    plural: 'tokenreviews',
    singular: 'tokenreview',
    namespaced: false,
    verbs: ['create'],
    schema: tokenReview,
    generation: 'none',
  },
  {
    group: 'authentication.k8s.io',
    version: 'v1',
    kind: 'SelfSubjectReview',
    plural: 'selfsubjectreviews',
    singular: 'selfsubjectreview',
    namespaced: false,
    verbs: ['create'],
    schema: selfSubjectReview,
    generation: 'none',
  },
];
