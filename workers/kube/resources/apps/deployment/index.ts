// The Deployment resource (apps/v1).
import type { ResourceDef } from '../../../registry/types';
import { defaultPodTemplate } from '../common/template';
import type { Stored } from '../common/types';
import { deployment, type Deployment } from './schema';
import { validateDeployment, validateSelectorUpdate } from './validate';

export { deployment } from './schema';
export type { Deployment } from './schema';

/** Upstream defaults: one replica, a 25%/25% rolling update, 10 old ReplicaSets, a 10-minute progress deadline. */
export function defaultDeployment(d: Deployment) {
  const spec = (d.spec ??= {});
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodTemplate(spec);
}

export const deployments: ResourceDef<Stored<Deployment>> = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  plural: 'deployments',
  singular: 'deployment',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  schema: deployment,
  status: true,
  // The /scale handler derives Scale.status.selector from .spec.selector.
  scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' },
  generation: 'spec',
  defaults: defaultDeployment,
  validate: validateDeployment,
  validateUpdate: (d, old, errs) => validateSelectorUpdate(d.spec, old.spec, errs),
};
