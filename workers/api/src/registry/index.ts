// The served resources at runtime: built-in kinds plus kinds defined by CustomResourceDefinitions.
import { builtinResources } from '../../../kube/resources';
import type { ResourceDef } from '../../../kube/registry/types';

export class Registry {
  private readonly byPath = new Map<string, ResourceDef>();
  private readonly byKind = new Map<string, ResourceDef>();

  constructor(readonly defs: readonly ResourceDef[]) {
    for (const d of defs) {
      this.byPath.set(`${d.group}/${d.version}/${d.plural}`, d);
      this.byKind.set(`${d.group}/${d.version}/${d.kind}`, d);
    }
  }

  find(group: string, version: string, plural: string): ResourceDef | undefined {
    return this.byPath.get(`${group}/${version}/${plural}`);
  }

  findKind(group: string, version: string, kind: string): ResourceDef | undefined {
    return this.byKind.get(`${group}/${version}/${kind}`);
  }

  /** Is this API group-version served at all (for 404 vs 404-with-resource wording)? */
  servesGroupVersion(group: string, version: string): boolean {
    return this.defs.some((d) => d.group === group && d.version === version);
  }
}

/** The store key of a resource: "pods" for core, "apps/deployments" otherwise. */
export function storageResource(def: Pick<ResourceDef, 'group' | 'plural'>): string {
  return def.group ? `${def.group}/${def.plural}` : def.plural;
}

export const builtinRegistry = new Registry(builtinResources);
