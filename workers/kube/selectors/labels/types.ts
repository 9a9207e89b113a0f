// The parsed form of a label selector, shared by the string and object parsers.

/** Operator spellings as upstream's `selection` package names them. */
export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  /** Parsed selectors hold these sorted and de-duplicated; the object form keeps the given order. */
  readonly values: readonly string[];
}

export interface LabelSelector {
  /** ANDed together, ordered by key. */
  readonly requirements: readonly Requirement[];
  /** Set only for a nil object selector, which selects nothing (not everything). */
  readonly nothing?: boolean;
}

export const EVERYTHING: LabelSelector = Object.freeze({ requirements: Object.freeze([]) });
export const NOTHING: LabelSelector = Object.freeze({ requirements: Object.freeze([]), nothing: true });
