// Kubernetes' CEL quantity library (k8s.io/apiserver/pkg/cel/library/quantity.go) on our exact
// Quantity: quantity(), isQuantity(), comparisons, sign, integer checks and add/sub.
import type { Environment } from '@marcbachmann/cel-js';
import { compareQuantity, formatQuantity, isValidQuantity, parseQuantity, quantityToNumber, type Quantity } from '../../quantity';
import { INT64_MAX, makeQuantity } from '../../quantity/types';

/** The CEL value of a quantity (a registered type, so `type(quantity("1"))` is a Quantity). */
export class CelQuantity {
  constructor(readonly q: Quantity) {}
  toString() {
    return formatQuantity(this.q);
  }
}

function parse(s: string): CelQuantity {
  if (!isValidQuantity(s)) throw new Error(`invalid quantity: ${s}`);
  return new CelQuantity(parseQuantity(s));
}

/** Whole value when the quantity has no fraction, else undefined. */
function integer(q: Quantity): bigint | undefined {
  if (q.scale >= 0) return q.unscaled * 10n ** BigInt(q.scale);
  const d = 10n ** BigInt(-q.scale);
  return q.unscaled % d === 0n ? q.unscaled / d : undefined;
}

function plus(a: Quantity, b: Quantity, sign: 1n | -1n): CelQuantity {
  const scale = Math.min(a.scale, b.scale);
  const ua = a.unscaled * 10n ** BigInt(a.scale - scale);
  const ub = b.unscaled * 10n ** BigInt(b.scale - scale);
  return new CelQuantity(makeQuantity(ua + sign * ub, scale, a.format));
}

const fromInt = (n: bigint) => parseQuantity(n.toString());

export function registerQuantity(env: Environment) {
  env.registerType('kubernetes.Quantity', CelQuantity);
  env.registerFunction('quantity(string): kubernetes.Quantity', parse);
  env.registerFunction('isQuantity(string): bool', (s: string) => isValidQuantity(s));
  env.registerFunction('kubernetes.Quantity.sign(): int', (a: CelQuantity) => BigInt(Math.sign(Number(a.q.unscaled))));
  env.registerFunction('kubernetes.Quantity.isInteger(): bool', (a: CelQuantity) => {
    const v = integer(a.q);
    return v !== undefined && v <= INT64_MAX && v >= -INT64_MAX - 1n;
  });
  env.registerFunction('kubernetes.Quantity.asInteger(): int', (a: CelQuantity) => {
    const v = integer(a.q);
    if (v === undefined || v > INT64_MAX || v < -INT64_MAX - 1n) throw new Error('cannot convert value to integer');
    return v;
  });
  env.registerFunction('kubernetes.Quantity.asApproximateFloat(): double', (a: CelQuantity) => quantityToNumber(a.q));
  env.registerFunction('kubernetes.Quantity.compareTo(kubernetes.Quantity): int', (a: CelQuantity, b: CelQuantity) => BigInt(compareQuantity(a.q, b.q)));
  env.registerFunction('kubernetes.Quantity.isLessThan(kubernetes.Quantity): bool', (a: CelQuantity, b: CelQuantity) => compareQuantity(a.q, b.q) < 0);
  env.registerFunction('kubernetes.Quantity.isGreaterThan(kubernetes.Quantity): bool', (a: CelQuantity, b: CelQuantity) => compareQuantity(a.q, b.q) > 0);
  env.registerFunction('kubernetes.Quantity.add(kubernetes.Quantity): kubernetes.Quantity', (a: CelQuantity, b: CelQuantity) => plus(a.q, b.q, 1n));
  env.registerFunction('kubernetes.Quantity.add(int): kubernetes.Quantity', (a: CelQuantity, n: bigint) => plus(a.q, fromInt(n), 1n));
  env.registerFunction('kubernetes.Quantity.sub(kubernetes.Quantity): kubernetes.Quantity', (a: CelQuantity, b: CelQuantity) => plus(a.q, b.q, -1n));
  env.registerFunction('kubernetes.Quantity.sub(int): kubernetes.Quantity', (a: CelQuantity, n: bigint) => plus(a.q, fromInt(n), -1n));
}
