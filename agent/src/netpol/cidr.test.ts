import { describe, expect, it } from 'vitest';
import { blockCidrs, cidrRange } from './cidr';

describe('ipBlock arithmetic', () => {
  it.each([
    ['a plain block', [{ cidr: '10.0.0.0/8' }], ['10.0.0.0/8']],
    ['host bits are cleared', [{ cidr: '10.1.2.3/16' }], ['10.1.0.0/16']],
    ['one hole splits the block into the fewest CIDRs', [{ cidr: '10.0.0.0/24', except: ['10.0.0.128/25'] }], ['10.0.0.0/25']],
    ['a single address out of the middle', [{ cidr: '192.168.0.0/30', except: ['192.168.0.1/32'] }], ['192.168.0.0/32', '192.168.0.2/31']],
    ['two overlapping blocks merge', [{ cidr: '10.0.0.0/24' }, { cidr: '10.0.0.0/23' }], ['10.0.0.0/23']],
    ['adjacent blocks merge', [{ cidr: '10.0.0.0/25' }, { cidr: '10.0.0.128/25' }], ['10.0.0.0/24']],
    ['the whole space minus one /8', [{ cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }], ['0.0.0.0/5', '8.0.0.0/7', '11.0.0.0/8', '12.0.0.0/6', '16.0.0.0/4', '32.0.0.0/3', '64.0.0.0/2', '128.0.0.0/1']],
    ['IPv6 is left out', [{ cidr: 'fd00::/8' }], []],
  ])('%s', (_name, blocks, want) => {
    expect(blockCidrs(blocks)).toEqual(want);
  });

  it('reads a CIDR as an inclusive range', () => {
    expect(cidrRange('0.0.0.0/0')).toEqual([0, 2 ** 32 - 1]);
    expect(cidrRange('255.255.255.255/32')).toEqual([2 ** 32 - 1, 2 ** 32 - 1]);
    expect(cidrRange('10.0.0.0/33')).toBeUndefined();
  });
});
