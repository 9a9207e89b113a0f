// coordination.k8s.io/v1 Lease: a lock with a holder and an expiry, used for leader election and
// node heartbeats.
import { z } from 'zod';
import type { KObject, ResourceDef } from '../../registry/types';
import { int32, kobject, microTime } from '../../schemas/meta';
import { qualifiedName } from '../../validation/names';

const leaseSpec = z
  .strictObject({
    holderIdentity: z.string().optional().meta({ description: 'Who holds the lease now.' }),
    leaseDurationSeconds: int32().optional().meta({ description: 'How long a holder keeps the lease after its last renewal.' }),
    acquireTime: microTime().optional().meta({ description: 'When the current holder took the lease.' }),
    renewTime: microTime().optional().meta({ description: 'When the current holder last renewed the lease.' }),
    leaseTransitions: int32().optional().meta({ description: 'How many times the lease changed hands.' }),
    strategy: z.string().optional().meta({ description: 'Coordinated leader election strategy for picking the next holder.' }),
    preferredHolder: z.string().optional().meta({ description: 'Holder the strategy would like to hand the lease to; requires strategy.' }),
  })
  .meta({ id: 'io.k8s.api.coordination.v1.LeaseSpec', description: 'Holder and timing of a Lease.' });

export const leaseSchema = kobject('io.k8s.api.coordination.v1.Lease', 'A time-limited lock held by one identity.', { spec: leaseSpec.optional() });

type Lease = KObject & { spec?: z.infer<typeof leaseSpec> };

const STRATEGIES = ['OldestEmulationVersion'];

export const lease: ResourceDef<Lease> = {
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  plural: 'leases',
  singular: 'lease',
  namespaced: true,
  schema: leaseSchema,
  generation: 'none',
  validate(obj, errs) {
    const s = obj.spec ?? {};
    if (s.leaseDurationSeconds !== undefined && s.leaseDurationSeconds <= 0) errs.invalid('spec.leaseDurationSeconds', s.leaseDurationSeconds, 'must be greater than 0');
    if (s.leaseTransitions !== undefined && s.leaseTransitions < 0) errs.invalid('spec.leaseTransitions', s.leaseTransitions, 'must be greater than or equal to 0');
    if (s.strategy !== undefined) {
      // Unprefixed strategies are reserved for Kubernetes; prefixed ones are free-form qualified names.
      if (!s.strategy.includes('/')) {
        if (!STRATEGIES.includes(s.strategy)) errs.notSupported('spec.strategy', s.strategy, STRATEGIES);
      } else for (const m of qualifiedName(s.strategy)) errs.invalid('spec.strategy', s.strategy, m);
    }
    if (s.preferredHolder && !s.strategy) errs.forbidden('spec.preferredHolder', 'may only be specified if `strategy` is defined');
  },
};
