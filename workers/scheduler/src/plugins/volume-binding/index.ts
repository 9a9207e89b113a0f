// VolumeBinding (upstream's plugin, simplified): a pod's claims must exist; bound claims pin the pod to
// nodes their volume's node affinity allows; unbound claims of a WaitForFirstConsumer class are fine on
// any node a matching volume can reach, or anywhere when the class has a provisioner. The node is
// handed to the provisioner before binding (prebind.ts: the selected-node annotation).
import { Frozen } from '../../framework/cycle-state';
import type { Cycle, FilterPlugin, PreFilterPlugin } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { compileTerm, termMatchesNode } from '../../framework/node-selector';
import { Code, fixed, SKIP, Status, SUCCESS } from '../../framework/status';
import type { Pod } from '../../framework/types';
import type { Claim, Volume } from './types';

export const name = 'VolumeBinding';
export const ERR_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const ERR_NO_VOLUME = "node(s) didn't find available persistent volumes to bind";
const STATE = `PreFilter${name}`;
const CONFLICT = fixed(Code.UnschedulableAndUnresolvable, ERR_NODE_CONFLICT, name);
const NO_VOLUME = fixed(Code.UnschedulableAndUnresolvable, ERR_NO_VOLUME, name);

/** The claims a pod uses: persistentVolumeClaim volumes and generic ephemeral ones (<pod>-<volume>). */
export function podClaimNames(pod: Pod): string[] {
  const out: string[] = [];
  for (const v of (pod.spec.volumes ?? []) as { name: string; persistentVolumeClaim?: { claimName: string }; ephemeral?: unknown }[]) {
    if (v.persistentVolumeClaim?.claimName) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) out.push(`${pod.metadata.name}-${v.name}`);
  }
  return out;
}

interface State {
  /** Volumes of bound claims (their node affinity must hold). */
  bound: Volume[];
  /** Unbound claims waiting for their first consumer, with whether a provisioner can make them anywhere. */
  delayed: { claim: Claim; provisioned: boolean; candidates: Volume[] }[];
}

function affinityAllows(v: Volume, ni: NodeInfo): boolean {
  const terms = v.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  const labels = ni.node?.metadata.labels ?? {};
  return terms.some((t) => termMatchesNode(compileTerm(t), labels, ni.name));
}

export function New(): PreFilterPlugin & FilterPlugin {
  return {
    name,
    preFilter(cycle: Cycle) {
      const names = podClaimNames(cycle.pod);
      if (names.length === 0) return { status: SKIP };
      const lookup = cycle.snapshot.volumes;
      const ns = cycle.pod.metadata.namespace ?? 'default';
      const state: State = { bound: [], delayed: [] };
      for (const n of names) {
        const claim = lookup?.claim(ns, n);
        if (!claim) return { status: new Status(Code.UnschedulableAndUnresolvable, [`persistentvolumeclaim "${n}" not found`], name) };
        if (claim.metadata.deletionTimestamp) return { status: new Status(Code.UnschedulableAndUnresolvable, [`persistentvolumeclaim "${n}" is being deleted`], name) };
        if (claim.spec?.volumeName) {
          const v = lookup?.volume(claim.spec.volumeName);
          if (!v) return { status: new Status(Code.UnschedulableAndUnresolvable, [`pvc(s) bound to non-existent pv(s)`], name) };
          state.bound.push(v);
          continue;
        }
        const cls = claim.spec?.storageClassName ? lookup?.storageClass(claim.spec.storageClassName) : undefined;
        if (cls?.volumeBindingMode !== 'WaitForFirstConsumer') return { status: new Status(Code.UnschedulableAndUnresolvable, [ERR_UNBOUND_IMMEDIATE], name) };
        const candidates = (lookup?.volumes() ?? []).filter(
          (v) => !v.spec?.claimRef && (v.spec?.storageClassName ?? '') === (claim.spec?.storageClassName ?? '') && !v.metadata.deletionTimestamp,
        );
        state.delayed.push({ claim, provisioned: !!cls.provisioner && cls.provisioner !== 'kubernetes.io/no-provisioner', candidates });
      }
      cycle.state.write(STATE, new Frozen(state));
      return { status: SUCCESS };
    },
    filter(cycle: Cycle, ni: NodeInfo) {
      const state = cycle.state.read<Frozen<State>>(STATE)?.value;
      if (!state) return SUCCESS;
      for (const v of state.bound) if (!affinityAllows(v, ni)) return CONFLICT;
      for (const d of state.delayed) {
        if (d.provisioned) continue;
        if (!d.candidates.some((v) => affinityAllows(v, ni))) return NO_VOLUME;
      }
      return SUCCESS;
    },
  };
}
