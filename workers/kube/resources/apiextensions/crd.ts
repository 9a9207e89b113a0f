import type { ResourceDef } from '../../registry/types';
import type { CrdNames, CrdStatus } from './crd-schema';
import { crdSchema } from './crd-schema';
import type { CustomResourceDefinition } from './crd-to-defs';
import { validateCrd } from './crd-validate';

type Crd = CustomResourceDefinition & { status?: CrdStatus };

function defaultNames(n: CrdNames | undefined) {
  if (!n?.kind) return;
  n.singular ||= n.kind.toLowerCase();
  n.listKind ||= `${n.kind}List`;
}

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

const established = (crd: Crd) => crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ?? false;

export const customResourceDefinition: ResourceDef<Crd> = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
  singular: 'customresourcedefinition',
  namespaced: false,
  shortNames: ['crd', 'crds'],
  schema: crdSchema,
  status: true,
  generation: 'spec',
  defaults(obj) {
    const spec = obj.spec;
    if (!spec) return; // a missing spec is reported as a required field
    defaultNames(spec.names);
    spec.conversion ??= { strategy: 'None' };
    const svc = spec.conversion.webhook?.clientConfig?.service;
    if (svc) svc.port ??= 443;
    defaultNames(obj.status?.acceptedNames);
  },
  // This server starts serving a CRD as soon as it is stored, so it is accepted and established at
  // once; recording that lets `kubectl wait --for condition=established` work.
  prepareForCreate(obj) {
    if (!obj.spec?.names) return;
    const names = structuredClone(obj.spec.names);
    defaultNames(names);
    const storage = obj.spec.versions?.find((v) => v.storage)?.name;
    const t = now();
    obj.status = {
      conditions: [
        { type: 'NamesAccepted', status: 'True', lastTransitionTime: t, reason: 'NoConflicts', message: 'no conflicts found' },
        { type: 'Established', status: 'True', lastTransitionTime: t, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      ],
      acceptedNames: names,
      storedVersions: storage ? [storage] : [],
    };
  },
  validate(obj, errs) {
    validateCrd(obj.metadata.name ?? '', obj.spec, errs);
  },
  validateUpdate(obj, old, errs) {
    // The plural and group make up the object name (immutable); scope and kind shape stored data.
    if (obj.spec.group !== old.spec.group) errs.immutable('spec.group', obj.spec.group);
    if (obj.spec.names.plural !== old.spec.names.plural) errs.immutable('spec.names.plural', obj.spec.names.plural);
    if (!established(old)) return;
    if (obj.spec.scope !== old.spec.scope) errs.immutable('spec.scope', obj.spec.scope);
    if (obj.spec.names.kind !== old.spec.names.kind) errs.immutable('spec.names.kind', obj.spec.names.kind);
  },
};
