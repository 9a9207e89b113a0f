// Answers one query from the cluster zone, or says it is not ours (null: the server forwards it).
// Authoritative answers carry AA; a name that does not exist gets NXDOMAIN and a name without the
// asked type gets NOERROR with no answers (NODATA), both with the zone's SOA in authority so clients
// cache the negative answer for the SOA minimum (the record TTL).
import { isIPv4 } from '../proxy/ip';
import { FLAG, type Message, opcodeOf, RCODE, type ResourceRecord, TYPE } from './wire';
import type { ClusterZone, NameData } from './zone';

export interface AnswerOptions {
  /** TTL of every record and of negative answers (CoreDNS' kubernetes plugin default: 5 s). */
  ttl?: number;
  /** SOA serial: changes whenever the zone does. */
  serial?: number;
}

export function answer(zone: ClusterZone, query: Message, opts: AnswerOptions = {}): Message | null {
  const ttl = opts.ttl ?? 5;
  const reply = (rcode: number, answers: ResourceRecord[] = [], authority: ResourceRecord[] = [], additional: ResourceRecord[] = [], aa = true): Message => ({
    id: query.id,
    flags: FLAG.QR | (aa ? FLAG.AA : 0) | (query.flags & FLAG.RD) | FLAG.RA | rcode,
    questions: query.questions,
    answers,
    authority,
    additional,
  });
  if (opcodeOf(query.flags) !== 0) return reply(RCODE.NOTIMP, [], [], [], false);
  if (query.questions.length !== 1) return reply(RCODE.FORMERR, [], [], [], false);
  const q = query.questions[0];
  const name = q.name.toLowerCase().replace(/\.$/, '');

  if (name.endsWith('.in-addr.arpa')) {
    const targets = zone.reverse(name);
    if (!targets) return null; // not a cluster address: the host's resolver may know it
    return q.type === TYPE.PTR || q.type === TYPE.ANY ? reply(RCODE.NOERROR, targets.map((t) => ({ name: q.name, ttl, type: TYPE.PTR, data: t }))) : reply(RCODE.NOERROR);
  }
  const domain = zone.domain;
  if (name !== domain && !name.endsWith(`.${domain}`)) return null;

  const soa: ResourceRecord = {
    name: domain,
    ttl,
    type: TYPE.SOA,
    data: { mname: `ns.dns.${domain}`, rname: `hostmaster.${domain}`, serial: opts.serial ?? 1, refresh: 7200, retry: 1800, expire: 86400, minimum: ttl },
  };
  const nxdomain = () => reply(RCODE.NXDOMAIN, [], [soa]);
  const nodata = () => reply(RCODE.NOERROR, [], [soa]);

  if (name === domain) {
    if (q.type === TYPE.SOA) return reply(RCODE.NOERROR, [{ ...soa, name: q.name }]);
    if (q.type === TYPE.NS) return reply(RCODE.NOERROR, [{ name: q.name, ttl, type: TYPE.NS, data: `ns.dns.${domain}` }]);
    return nodata();
  }

  const pod = podAddress(name, domain);
  if (pod !== undefined) {
    if (pod === null) return nxdomain();
    if (pod === '') return nodata();
    return q.type === TYPE.A || q.type === TYPE.ANY ? reply(RCODE.NOERROR, [{ name: q.name, ttl, type: TYPE.A, data: pod }]) : nodata();
  }

  const data = zone.get(name);
  if (!data) return zone.exists(name) || name === `svc.${domain}` ? nodata() : nxdomain();
  const answers = recordsFor(q.name, q.type, data, ttl);
  if (!answers.length) return nodata();
  // SRV targets inside the zone: their addresses ride along, saving the client a round trip.
  const additional: ResourceRecord[] = [];
  for (const rec of answers) {
    if (rec.type !== TYPE.SRV) continue;
    const target = zone.get(rec.data.target);
    if (target) additional.push(...recordsFor(rec.data.target, TYPE.A, target, ttl), ...recordsFor(rec.data.target, TYPE.AAAA, target, ttl));
  }
  return reply(RCODE.NOERROR, answers, [], dedupe(additional));
}

function recordsFor(name: string, type: number, data: NameData, ttl: number): ResourceRecord[] {
  // An alias answers every type with itself; the client follows it (ExternalName Services).
  if (data.cname) return [{ name, ttl, type: TYPE.CNAME, data: data.cname }];
  const out: ResourceRecord[] = [];
  const any = type === TYPE.ANY;
  if (type === TYPE.A || any) for (const ip of data.a) out.push({ name, ttl, type: TYPE.A, data: ip });
  if (type === TYPE.AAAA || any) for (const ip of data.aaaa) out.push({ name, ttl, type: TYPE.AAAA, data: ip });
  if (type === TYPE.SRV || any) {
    // Records sharing the name share the weight, so every target is equally likely.
    const weight = data.srv.length > 1 ? Math.max(1, Math.floor(100 / data.srv.length)) : 100;
    for (const s of data.srv) out.push({ name, ttl, type: TYPE.SRV, data: { ...s, weight } });
  }
  return out;
}

/**
 * Pod names (`1-2-3-4.<ns>.pod.<zone>`, CoreDNS' "pods insecure" mode: the address is read from the
 * name). undefined: not a pod name; null: no such name; '': a name with no address (`<ns>.pod...`).
 */
function podAddress(name: string, domain: string): string | null | undefined {
  const suffix = `pod.${domain}`;
  if (name === suffix) return '';
  if (!name.endsWith(`.${suffix}`)) return undefined;
  const labels = name.slice(0, -suffix.length - 1).split('.');
  if (labels.length === 1) return '';
  if (labels.length !== 2) return null;
  const ip = labels[0].replace(/-/g, '.');
  return isIPv4(ip) ? ip : null;
}

function dedupe(records: ResourceRecord[]): ResourceRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    const k = `${r.name}|${r.type}|${JSON.stringify(r.data)}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
