// A set of field paths stored as a tree, like upstream's fieldpath.Set: at each level the elements
// that are themselves members, and the elements that have members below them. The fieldsV1 JSON
// form marks "member with children" with a "." entry.
import { compareElements, elementKey, parseElementKey, type Path, type PathElement } from './path';

interface Child {
  pe: PathElement;
  set: FieldSet;
}

export class FieldSet {
  private readonly members = new Map<string, PathElement>();
  private readonly children = new Map<string, Child>();

  static of(...paths: Path[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  /** Adds a path; the empty path (the object itself) is never a member. */
  insert(path: Path): void {
    if (!path.length) return;
    let s: FieldSet = this;
    for (let i = 0; i < path.length - 1; i++) {
      const pe = path[i];
      const key = elementKey(pe);
      let child = s.children.get(key);
      if (!child) s.children.set(key, (child = { pe, set: new FieldSet() }));
      s = child.set;
    }
    const last = path[path.length - 1];
    s.members.set(elementKey(last), last);
  }

  isEmpty(): boolean {
    if (this.members.size) return false;
    for (const c of this.children.values()) if (!c.set.isEmpty()) return false;
    return true;
  }

  hasMember(path: Path): boolean {
    if (!path.length) return false;
    const parent = this.at(path.slice(0, -1));
    return !!parent && parent.members.has(elementKey(path[path.length - 1]));
  }

  /** The subset below `path` (paths relative to it), or undefined when nothing is there. */
  at(path: Path): FieldSet | undefined {
    let s: FieldSet | undefined = this;
    for (const pe of path) {
      s = s.children.get(elementKey(pe))?.set;
      if (!s) return undefined;
    }
    return s;
  }

  /** Whether some member lies strictly below `path`. */
  hasBelow(path: Path): boolean {
    const s = this.at(path);
    return !!s && !s.isEmpty();
  }

  union(o: FieldSet): FieldSet {
    const out = this.clone();
    for (const [k, pe] of o.members) out.members.set(k, pe);
    for (const [k, c] of o.children) {
      const mine = out.children.get(k);
      out.children.set(k, { pe: c.pe, set: mine ? mine.set.union(c.set) : c.set.clone() });
    }
    return out;
  }

  /** Removes the members of `o`; paths below a removed member stay (upstream Difference). */
  difference(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (!o.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const theirs = o.children.get(k);
      out.addChild(k, c.pe, theirs ? c.set.difference(theirs.set) : c.set.clone());
    }
    return out;
  }

  /** Removes the members of `o` and everything below them (upstream RecursiveDifference). */
  recursiveDifference(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (!o.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      if (o.members.has(k)) continue;
      const theirs = o.children.get(k);
      out.addChild(k, c.pe, theirs ? c.set.recursiveDifference(theirs.set) : c.set.clone());
    }
    return out;
  }

  intersection(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (o.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const theirs = o.children.get(k);
      if (theirs) out.addChild(k, c.pe, c.set.intersection(theirs.set));
    }
    return out;
  }

  equals(o: FieldSet): boolean {
    return JSON.stringify(this.toFieldsV1()) === JSON.stringify(o.toFieldsV1());
  }

  clone(): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) out.members.set(k, pe);
    for (const [k, c] of this.children) out.children.set(k, { pe: c.pe, set: c.set.clone() });
    return out;
  }

  /** Every member path, in upstream's iteration order (a level's members, then its children). */
  paths(prefix: Path = []): Path[] {
    const out: Path[] = sorted([...this.members.values()]).map((pe) => [...prefix, pe]);
    for (const c of sortedChildren(this.children)) out.push(...c.set.paths([...prefix, c.pe]));
    return out;
  }

  /** The fieldsV1 object; keys are inserted in upstream's order so JSON.stringify matches it. */
  toFieldsV1(): Record<string, unknown> {
    return this.emit(false);
  }

  private emit(selfMember: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (selfMember) out['.'] = {};
    const keys = new Map<string, PathElement>();
    for (const [k, pe] of this.members) keys.set(k, pe);
    for (const [k, c] of this.children) if (!c.set.isEmpty()) keys.set(k, c.pe);
    for (const pe of sorted([...keys.values()])) {
      const k = elementKey(pe);
      const child = this.children.get(k);
      const isMember = this.members.has(k);
      out[k] = child && !child.set.isEmpty() ? child.set.emit(isMember) : {};
    }
    return out;
  }

  /** Parses fieldsV1; an empty object is a member, "." marks a member that also has children. */
  static fromFieldsV1(v: unknown): FieldSet {
    const s = new FieldSet();
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('fieldsV1 must be a JSON object');
    for (const [k, sub] of Object.entries(v as Record<string, unknown>)) {
      if (k === '.') continue;
      const pe = parseElementKey(k);
      const obj = (sub ?? {}) as Record<string, unknown>;
      const keys = Object.keys(obj);
      if (!keys.length || keys.includes('.')) s.members.set(elementKey(pe), pe);
      if (keys.some((x) => x !== '.')) s.addChild(elementKey(pe), pe, FieldSet.fromFieldsV1(obj));
    }
    return s;
  }

  private addChild(k: string, pe: PathElement, set: FieldSet): void {
    if (set.isEmpty()) return;
    const mine = this.children.get(k);
    this.children.set(k, { pe, set: mine ? mine.set.union(set) : set });
  }
}

const sorted = (pes: PathElement[]) => pes.sort(compareElements);
const sortedChildren = (m: Map<string, Child>) => [...m.values()].filter((c) => !c.set.isEmpty()).sort((a, b) => compareElements(a.pe, b.pe));
