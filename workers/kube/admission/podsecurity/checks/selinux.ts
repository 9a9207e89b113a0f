// Baseline SELinux: only the container types may be chosen, and user and role must stay unset.
import type { Check, CheckFn, PodSpec } from '../types';
import { allContainers, joinQuote, pluralize, settersPhrase, sortedSet } from '../format';

type Options = NonNullable<NonNullable<PodSpec['securityContext']>['seLinuxOptions']>;

const TYPES_1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const TYPES_1_31 = [...TYPES_1_0, 'container_engine_t']; // added to the allowed set in v1.31

function seLinuxOptions(allowedTypes: string[]): CheckFn {
  return (_meta, spec) => {
    const badTypes: string[] = [];
    let user = false;
    let role = false;
    const valid = (o: Options) => {
      let ok = true;
      const t = o.type ?? '';
      if (!allowedTypes.includes(t)) {
        ok = false;
        badTypes.push(t);
      }
      if (o.user) {
        ok = false;
        user = true;
      }
      if (o.role) {
        ok = false;
        role = true;
      }
      return ok;
    };
    const podOpts = spec.securityContext?.seLinuxOptions;
    const pod = podOpts !== undefined && !valid(podOpts);
    const bad = allContainers(spec)
      .filter((c) => c.securityContext?.seLinuxOptions && !valid(c.securityContext.seLinuxOptions))
      .map((c) => c.name);
    if (!pod && !bad.length) return undefined;
    const types = sortedSet(badTypes);
    const what: string[] = [];
    if (types.length) what.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (user) what.push('user may not be set');
    if (role) what.push('role may not be set');
    return { reason: 'seLinuxOptions', detail: `${settersPhrase(pod, bad)} set forbidden securityContext.seLinuxOptions: ${what.join('; ')}` };
  };
}

export const seLinuxChecks: Check[] = [
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    versions: [
      { since: 0, fn: seLinuxOptions(TYPES_1_0) },
      { since: 31, fn: seLinuxOptions(TYPES_1_31) },
    ],
  },
];
