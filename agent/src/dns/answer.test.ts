import { describe, expect, it } from 'vitest';
import { ep, slice, svc } from '../proxy/fixtures.testing';
import { answer } from './answer';
import { type Message, RCODE, rcodeOf, TYPE } from './wire';
import { ClusterZone } from './zone';

const services = [
  svc('web', { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }, { port: 9000 }] }),
  svc('db', { clusterIP: 'None', ports: [{ name: 'pg', port: 5432 }] }),
  svc('ext', { type: 'ExternalName', externalName: 'example.com' }, undefined, 'other'),
  svc('dual', { clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20', 'fd00::20'], ports: [{ port: 80 }] }),
];
const slices = [
  slice('db', [{ name: 'pg', port: 5432 }], [ep('10.244.0.5', 'n', undefined, 'db-0'), ep('10.244.0.6', 'n', undefined, 'db-1'), ep('10.244.0.7', 'n', { ready: false }, 'db-2')]),
  slice('db', [{ name: 'pg', port: 5432 }], [ep('10.244.0.8')], 'db-y'),
];
const zone = ClusterZone.build('cluster.local', services, slices);

function ask(name: string, type: number): Message | null {
  return answer(zone, { id: 7, flags: 0x0100, questions: [{ name, type, class: 1 }], answers: [], authority: [], additional: [] });
}
const data = (m: Message | null) => m!.answers.map((r) => (typeof r.data === 'string' ? r.data : 'port' in r.data ? `${r.data.priority} ${r.data.weight} ${r.data.port} ${r.data.target}` : r.data.mname));

describe('cluster zone answers', () => {
  it('gives a Service its ClusterIP, case-insensitively, echoing the name as asked', () => {
    const m = ask('Web.Default.SVC.cluster.local', TYPE.A);
    expect(rcodeOf(m!.flags)).toBe(RCODE.NOERROR);
    expect(m!.flags & 0x0400).toBe(0x0400); // authoritative
    expect(m!.answers).toEqual([{ name: 'Web.Default.SVC.cluster.local', ttl: 5, type: TYPE.A, data: '10.96.0.10' }]);
  });

  it('answers AAAA from the IPv6 ClusterIP, and NODATA with SOA when there is none', () => {
    expect(data(ask('dual.default.svc.cluster.local', TYPE.AAAA))).toEqual(['fd00::20']);
    const m = ask('web.default.svc.cluster.local', TYPE.AAAA);
    expect(rcodeOf(m!.flags)).toBe(RCODE.NOERROR);
    expect(m!.answers).toEqual([]);
    expect(m!.authority.map((r) => r.type)).toEqual([TYPE.SOA]);
  });

  it('gives a headless Service its ready endpoints and each named endpoint its own name', () => {
    expect(data(ask('db.default.svc.cluster.local', TYPE.A))).toEqual(['10.244.0.5', '10.244.0.6', '10.244.0.8']);
    expect(data(ask('db-1.db.default.svc.cluster.local', TYPE.A))).toEqual(['10.244.0.6']);
    expect(data(ask('10-244-0-8.db.default.svc.cluster.local', TYPE.A))).toEqual(['10.244.0.8']);
    expect(rcodeOf(ask('db-2.db.default.svc.cluster.local', TYPE.A)!.flags)).toBe(RCODE.NXDOMAIN);
  });

  it('serves SRV for named ports, with the targets’ addresses in the additional section', () => {
    expect(data(ask('_http._tcp.web.default.svc.cluster.local', TYPE.SRV))).toEqual(['0 100 80 web.default.svc.cluster.local']);
    expect(data(ask('_dns._udp.web.default.svc.cluster.local', TYPE.SRV))).toEqual(['0 100 53 web.default.svc.cluster.local']);
    const m = ask('_pg._tcp.db.default.svc.cluster.local', TYPE.SRV);
    expect(data(m)).toEqual([
      '0 33 5432 db-0.db.default.svc.cluster.local',
      '0 33 5432 db-1.db.default.svc.cluster.local',
      '0 33 5432 10-244-0-8.db.default.svc.cluster.local',
    ]);
    expect(m!.additional.map((r) => `${r.name} ${r.data}`)).toEqual([
      'db-0.db.default.svc.cluster.local 10.244.0.5',
      'db-1.db.default.svc.cluster.local 10.244.0.6',
      '10-244-0-8.db.default.svc.cluster.local 10.244.0.8',
    ]);
    // Unnamed ports have no port-named SRV, but the bare Service name lists every port.
    expect(data(ask('web.default.svc.cluster.local', TYPE.SRV))).toEqual(['0 33 80 web.default.svc.cluster.local', '0 33 53 web.default.svc.cluster.local', '0 33 9000 web.default.svc.cluster.local']);
  });

  it('answers PTR for ClusterIPs and named endpoints, and leaves other addresses to the upstream', () => {
    expect(data(ask('10.0.96.10.in-addr.arpa', TYPE.PTR))).toEqual(['web.default.svc.cluster.local']);
    expect(data(ask('5.0.244.10.in-addr.arpa', TYPE.PTR))).toEqual(['db-0.db.default.svc.cluster.local']);
    expect(ask('8.8.8.8.in-addr.arpa', TYPE.PTR)).toBeNull();
  });

  it('answers pod names from the address they spell', () => {
    expect(data(ask('10-244-1-7.default.pod.cluster.local', TYPE.A))).toEqual(['10.244.1.7']);
    expect(rcodeOf(ask('10-244-1-999.default.pod.cluster.local', TYPE.A)!.flags)).toBe(RCODE.NXDOMAIN);
    expect(rcodeOf(ask('default.pod.cluster.local', TYPE.A)!.flags)).toBe(RCODE.NOERROR);
  });

  it('aliases an ExternalName Service with a CNAME', () => {
    const m = ask('ext.other.svc.cluster.local', TYPE.A);
    expect(m!.answers).toEqual([{ name: 'ext.other.svc.cluster.local', ttl: 5, type: TYPE.CNAME, data: 'example.com' }]);
  });

  it('says NXDOMAIN with the SOA for unknown names, NODATA for names with something below them', () => {
    const nx = ask('nope.default.svc.cluster.local', TYPE.A)!;
    expect(rcodeOf(nx.flags)).toBe(RCODE.NXDOMAIN);
    expect(nx.authority).toEqual([
      { name: 'cluster.local', ttl: 5, type: TYPE.SOA, data: { mname: 'ns.dns.cluster.local', rname: 'hostmaster.cluster.local', serial: 1, refresh: 7200, retry: 1800, expire: 86400, minimum: 5 } },
    ]);
    for (const name of ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local']) expect(rcodeOf(ask(name, TYPE.A)!.flags)).toBe(RCODE.NOERROR);
    expect(data(ask('cluster.local', TYPE.SOA))).toEqual(['ns.dns.cluster.local']);
  });

  it('leaves names outside the zone to the upstream and refuses what it cannot parse', () => {
    expect(ask('example.com', TYPE.A)).toBeNull();
    expect(ask('notcluster.local', TYPE.A)).toBeNull();
    const two = answer(zone, { id: 1, flags: 0, questions: [{ name: 'a.cluster.local', type: 1, class: 1 }, { name: 'b.cluster.local', type: 1, class: 1 }], answers: [], authority: [], additional: [] });
    expect(rcodeOf(two!.flags)).toBe(RCODE.FORMERR);
  });
});
