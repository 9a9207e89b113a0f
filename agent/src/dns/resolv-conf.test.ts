import { describe, expect, it } from 'vitest';
import { parseResolvConf, podResolvConf } from './resolv-conf';

const host = parseResolvConf('# host\nnameserver 10.255.255.53\nnameserver 1.1.1.1 ; second\nsearch corp.example lab.example\noptions edns0 ndots:2\n');
const base = { namespace: 'shop', clusterDNS: ['10.96.0.10'], host };

describe('resolv.conf', () => {
  it('reads nameservers, the search list and options, ignoring comments', () => {
    expect(host).toEqual({ nameservers: ['10.255.255.53', '1.1.1.1'], searches: ['corp.example', 'lab.example'], options: ['edns0', 'ndots:2'] });
  });

  it('ClusterFirst: cluster DNS, the namespace search path before the host’s, ndots 5', () => {
    expect(podResolvConf(base)).toBe(
      'search shop.svc.cluster.local svc.cluster.local cluster.local corp.example lab.example\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });

  it('ClusterFirst on the host network falls back to the host’s file; ClusterFirstWithHostNet does not', () => {
    expect(podResolvConf({ ...base, hostNetwork: true })).toBe('search corp.example lab.example\nnameserver 10.255.255.53\nnameserver 1.1.1.1\noptions edns0 ndots:2\n');
    expect(podResolvConf({ ...base, hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet', clusterDomain: 'k.test' })).toContain('search shop.svc.k.test svc.k.test k.test');
  });

  it('Default copies the host; None starts empty and takes dnsConfig alone', () => {
    expect(podResolvConf({ ...base, dnsPolicy: 'Default' })).toContain('nameserver 1.1.1.1');
    expect(podResolvConf({ ...base, dnsPolicy: 'None' })).toBe('');
    expect(podResolvConf({ ...base, dnsPolicy: 'None', dnsConfig: { nameservers: ['9.9.9.9'], searches: ['a.test'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } })).toBe(
      'search a.test\nnameserver 9.9.9.9\noptions ndots:2 edns0\n',
    );
  });

  it('merges dnsConfig: no duplicate servers or searches, a named option replaces the old value, three servers at most', () => {
    const out = podResolvConf({
      ...base,
      dnsConfig: { nameservers: ['10.96.0.10', '8.8.8.8', '8.8.4.4', '1.0.0.1'], searches: ['cluster.local', 'extra.test'], options: [{ name: 'ndots', value: '1' }, { name: 'timeout', value: '3' }] },
    });
    expect(out).toBe(
      'search shop.svc.cluster.local svc.cluster.local cluster.local corp.example lab.example extra.test\nnameserver 10.96.0.10\nnameserver 8.8.8.8\nnameserver 8.8.4.4\noptions ndots:1 timeout:3\n',
    );
  });
});
