// An incremental update from one rule model to the next, as one `nft -f` transaction: only the map
// elements, chains and sets that changed are touched, so one endpoint change costs the same with ten
// Services or ten thousand (kube-proxy's nftables mode works the same way), and affinity sets of
// untouched Services keep their entries. Returns null when only a full replacement will do.
import type { MapName, RuleModel } from './model';
import { MAP_NAMES } from './model';
import { compareKeys, hairpinLines, setLines } from './render';

export function renderDelta(prev: RuleModel, next: RuleModel): string | null {
  if (prev.table !== next.table || prev.nodeIPs.join() !== next.nodeIPs.join()) return null;
  for (const [name, timeout] of next.sets) if (prev.sets.has(name) && prev.sets.get(name) !== timeout) return null;
  const t = `ip ${next.table}`;
  const out: string[] = [];

  // 1. New chains and sets exist (empty) before anything refers to them.
  for (const name of next.chains.keys()) if (!prev.chains.has(name)) out.push(`add chain ${t} ${name}`);
  for (const [name, timeout] of next.sets) if (!prev.sets.has(name)) out.push(`add set ${t} ${name} { ${setLines(timeout).join('; ')}; }`);
  // 2. Chains whose rules changed are refilled (flush + add is atomic inside the transaction).
  for (const [name, rules] of next.chains) {
    const old = prev.chains.get(name);
    if (old && (old === rules || old.join('\n') === rules.join('\n'))) continue;
    if (old) out.push(`flush chain ${t} ${name}`);
    for (const r of rules) out.push(`add rule ${t} ${name} ${r}`);
  }
  // 3. Map elements: drop the gone and changed ones, then add the new and changed ones.
  for (const map of MAP_NAMES) out.push(...mapDelta(t, map, prev.maps[map], next.maps[map]));
  out.push(...setDelta(t, 'hairpin', hairpinLines([...prev.hairpin].filter((ip) => !next.hairpin.has(ip))), hairpinLines([...next.hairpin].filter((ip) => !prev.hairpin.has(ip)))));
  // 4. Chains and sets nothing refers to any more. A chain still referenced (even by another chain
  // going away) cannot be deleted, so every gone chain is emptied first, then all are deleted.
  const goneChains = [...prev.chains.keys()].filter((name) => !next.chains.has(name));
  for (const name of goneChains) out.push(`flush chain ${t} ${name}`);
  for (const name of goneChains) out.push(`delete chain ${t} ${name}`);
  for (const name of prev.sets.keys()) if (!next.sets.has(name)) out.push(`delete set ${t} ${name}`);
  return out.length ? `${out.join('\n')}\n` : '';
}

function mapDelta(t: string, map: MapName, prev: Map<string, string>, next: Map<string, string>): string[] {
  const gone: string[] = [];
  const added: string[] = [];
  for (const [k, v] of prev) if (next.get(k) !== v) gone.push(k);
  for (const [k, v] of next) if (prev.get(k) !== v) added.push(`${k} : ${v}`);
  return setDelta(t, map, gone.sort(compareKeys), added.sort(compareKeys));
}

function setDelta(t: string, name: string, gone: string[], added: string[]): string[] {
  const out: string[] = [];
  if (gone.length) out.push(`delete element ${t} ${name} { ${gone.join(', ')} }`);
  if (added.length) out.push(`add element ${t} ${name} { ${added.join(', ')} }`);
  return out;
}
