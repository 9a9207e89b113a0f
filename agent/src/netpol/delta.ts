// An incremental update from one policy model to the next, as one `nft -f` transaction: set elements
// added and removed, chains refilled only when a policy changed. A pod starting, stopping or being
// relabelled touches only elements. Returns null when only a full replacement will do.
import type { NetpolModel } from './model';
import { setHeader, sortElements } from './render';

export function renderDelta(prev: NetpolModel, next: NetpolModel): string | null {
  if (prev.table !== next.table) return null;
  for (const [name, s] of next.sets) {
    const old = prev.sets.get(name);
    if (old && (old.type !== s.type || old.interval !== s.interval)) return null;
  }
  const t = `ip ${next.table}`;
  const out: string[] = [];
  // 1. New sets and chains exist before a rule refers to them.
  for (const [name, s] of next.sets) if (!prev.sets.has(name)) out.push(`add set ${t} ${name} { ${setHeader(s).join('; ')}; }`);
  for (const name of next.chains.keys()) if (!prev.chains.has(name)) out.push(`add chain ${t} ${name}`);
  // 2. Elements: the gone ones first, so an interval set never holds overlapping ones.
  for (const [name, s] of next.sets) {
    const old = prev.sets.get(name)?.elements ?? new Set<string>();
    const gone = [...old].filter((e) => !s.elements.has(e));
    const added = [...s.elements].filter((e) => !old.has(e));
    if (gone.length) out.push(`delete element ${t} ${name} { ${sortElements(gone).join(', ')} }`);
    if (added.length) out.push(`add element ${t} ${name} { ${sortElements(added).join(', ')} }`);
  }
  // 3. Chains whose rules changed are refilled (flush + add, atomic within the transaction).
  for (const [name, rules] of next.chains) {
    const old = prev.chains.get(name);
    if (old && old.join('\n') === rules.join('\n')) continue;
    if (old) out.push(`flush chain ${t} ${name}`);
    for (const r of rules) out.push(`add rule ${t} ${name} ${r}`);
  }
  // 4. What nothing refers to any more: chains emptied first (one may jump to another), then deleted,
  // then the sets their rules used.
  const goneChains = [...prev.chains.keys()].filter((name) => !next.chains.has(name));
  for (const name of goneChains) out.push(`flush chain ${t} ${name}`);
  for (const name of goneChains) out.push(`delete chain ${t} ${name}`);
  for (const name of prev.sets.keys()) if (!next.sets.has(name)) out.push(`delete set ${t} ${name}`);
  return out.length ? `${out.join('\n')}\n` : '';
}
