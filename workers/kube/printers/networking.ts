// networking.k8s.io/v1: Ingresses, IngressClasses and NetworkPolicies.
import { AGE, NAME, col } from './columns';
import { since } from './duration';
import { labelSelectorText, loadBalancerText } from './format';
import type { Printer } from './types';
import type { KObject } from '../registry/types';
import type { LabelSelectorObject } from '../selectors/labels';

interface Ingress extends KObject {
  spec?: { ingressClassName?: string | null; rules?: { host?: string }[]; tls?: unknown[] };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

/**
 * Up to three hosts, "*" when no rule names one. Any rule after the third host triggers
 * "+ N more...", where N counts all rules beyond three (named or not), as upstream does.
 */
export function ingressHosts(rules: { host?: string }[] | undefined): string {
  const list: string[] = [];
  let more = false;
  for (const r of rules ?? []) {
    if (list.length === 3) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${(rules ?? []).length - 3} more...` : list.join(',');
}

export const ingressPrinter: Printer<Ingress> = {
  columns: [
    NAME,
    col('Class', 'Ingress class handling this ingress.'),
    col('Hosts', 'Hosts the rules match.'),
    col('Address', 'Load-balancer addresses.'),
    col('Ports', 'Ports served (443 with TLS).'),
    AGE,
  ],
  cells(o, now) {
    const spec = o.spec ?? {};
    return [
      o.metadata.name ?? '',
      spec.ingressClassName ?? '<none>',
      ingressHosts(spec.rules),
      loadBalancerText(o.status?.loadBalancer?.ingress),
      spec.tls && spec.tls.length ? '80, 443' : '80',
      since(o.metadata.creationTimestamp, now),
    ];
  },
};

interface IngressClass extends KObject {
  spec?: { controller?: string; parameters?: { apiGroup?: string; kind?: string; name?: string } };
}

export const ingressClassPrinter: Printer<IngressClass> = {
  columns: [NAME, col('Controller', 'Controller implementing the class.'), col('Parameters', 'Parameters object as Kind.group/name.'), AGE],
  cells(o, now) {
    const p = o.spec?.parameters;
    const params = p ? `${p.kind ?? ''}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name ?? ''}` : '<none>';
    return [o.metadata.name ?? '', o.spec?.controller ?? '', params, since(o.metadata.creationTimestamp, now)];
  },
};

export const networkPolicyPrinter: Printer<KObject & { spec?: { podSelector?: LabelSelectorObject } }> = {
  columns: [NAME, col('Pod-Selector', 'Pods the policy applies to.'), AGE],
  cells: (o, now) => [o.metadata.name ?? '', labelSelectorText(o.spec?.podSelector ?? {}), since(o.metadata.creationTimestamp, now)],
};
