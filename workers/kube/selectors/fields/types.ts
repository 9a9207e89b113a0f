// The parsed form of a field selector: an AND of equality and inequality terms.

export interface FieldRequirement {
  readonly field: string;
  /** `==` parses to `=`, as upstream's Requirements() reports it. */
  readonly operator: '=' | '!=';
  /** Unescaped. */
  readonly value: string;
}

export interface FieldSelector {
  readonly requirements: readonly FieldRequirement[];
}
