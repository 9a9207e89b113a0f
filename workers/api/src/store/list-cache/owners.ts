// Which scope each revision this isolate committed belongs to, kept for the newest commits only. It is
// what lets a cached scope move forward over other resources' revisions without asking D1: revisions
// are global, so a scope may skip one only when it knows whose it is.
import type { RevisionOwners } from './scope';

/** ~80 bytes each: 50,000 revisions are ~4 MB. */
export const DEFAULT_OWNED_REVISIONS = 50_000;

export const ownerKey = (resource: string, namespace: string) => `${resource}|${namespace}`;

export class OwnCommits implements RevisionOwners {
  /** Insertion order is commit order, which is nearly revision order: the oldest go first. */
  private readonly owners = new Map<number, string>();

  constructor(readonly maxEntries = DEFAULT_OWNED_REVISIONS) {}

  note(revision: number, resource: string, namespace: string): void {
    this.owners.set(revision, ownerKey(resource, namespace));
    if (this.owners.size <= this.maxEntries) return;
    for (const rev of this.owners.keys()) {
      this.owners.delete(rev);
      if (this.owners.size <= this.maxEntries) break;
    }
  }

  ownerOf(revision: number): string | undefined {
    return this.owners.get(revision);
  }
}

/** Namespaces this isolate created, with the revision of each creation (the newest 1,000). */
export class BornNamespaces {
  private readonly at = new Map<string, number>();

  constructor(readonly maxEntries = 1000) {}

  note(name: string, revision: number): void {
    this.at.delete(name);
    this.at.set(name, revision);
    if (this.at.size > this.maxEntries) this.at.delete(this.at.keys().next().value as string);
  }

  forget(name: string): void {
    this.at.delete(name);
  }

  /** The revision `name` was created at here, if this isolate created it (and still remembers). */
  revisionOf(name: string): number | undefined {
    return this.at.get(name);
  }
}
