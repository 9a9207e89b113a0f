import { describe, expect, it } from 'vitest';
import { namespace, pod, policy } from './fixtures.testing';
import { renderNetpol } from './render';

describe('renderNetpol: the whole script', () => {
  it('renders a default-deny and an allow rule as one atomic replacement of the policy table', () => {
    const out = renderNetpol({
      nodeName: 'node-a',
      tableName: 'kf-np',
      pods: [pod('default', 'web', '10.244.0.10', { app: 'web' }), pod('default', 'client', '10.244.1.5', { role: 'client' }, { node: 'node-b' })],
      namespaces: [namespace('default')],
      policies: [
        policy('default', 'deny', {}),
        policy('default', 'allow', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }, { ipBlock: { cidr: '192.168.0.0/24', except: ['192.168.0.128/25'] } }], ports: [{ port: 80 }] }] }),
      ],
    });
    expect(out).toBe(`# kubeflare network policies for node node-a: generated, replaced whole on a full sync.
table ip kf-np {}
delete table ip kf-np
table ip kf-np {
  set ingress-isolated {
    type ipv4_addr
    elements = {
      10.244.0.10
    }
  }
  set egress-isolated {
    type ipv4_addr
  }
  set local-pods {
    type ipv4_addr
    elements = {
      10.244.0.10
    }
  }
  set cluster-pods {
    type ipv4_addr
    elements = {
      10.244.0.10,
      10.244.1.5
    }
  }
  set ingress-targets-default/allow {
    type ipv4_addr
    elements = {
      10.244.0.10
    }
  }
  set ingress-peers-default/allow/0 {
    type ipv4_addr
    elements = {
      10.244.1.5
    }
  }
  set ingress-cidrs-default/allow/0 {
    type ipv4_addr
    flags interval
    elements = {
      192.168.0.0/25
    }
  }
  set ingress-targets-default/deny {
    type ipv4_addr
    elements = {
      10.244.0.10
    }
  }
  chain ingress {
    type filter hook forward priority filter; policy accept;
    ct state established,related accept
    ip daddr @ingress-isolated jump ingress-policies
  }
  chain egress {
    type filter hook forward priority filter; policy accept;
    ct state established,related accept
    ip saddr @egress-isolated jump egress-policies
  }
  chain keep-pod-source {
    type nat hook postrouting priority srcnat - 1; policy accept;
    meta mark & 0x4000 != 0 return
    ip saddr @local-pods ip daddr @cluster-pods snat to ip saddr
  }
  chain ingress-default/allow {
    ip saddr @ingress-peers-default/allow/0 meta l4proto tcp th dport 80 accept
    ip saddr @ingress-cidrs-default/allow/0 meta l4proto tcp th dport 80 accept
  }
  chain ingress-default/deny {
  }
  chain ingress-policies {
    ip daddr @ingress-targets-default/allow jump ingress-default/allow
    ip daddr @ingress-targets-default/deny jump ingress-default/deny
    drop
  }
  chain egress-policies {
    drop
  }
}
`);
  });
});
