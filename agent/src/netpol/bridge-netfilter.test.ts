import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { enableBridgeNetfilter } from './bridge-netfilter';

const dir = mkdtempSync(join(tmpdir(), 'kf-brnf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('enableBridgeNetfilter', () => {
  it('turns the knob on when it is off, and leaves it alone when it is on', async () => {
    const knob = join(dir, 'bridge-nf-call-iptables');
    writeFileSync(knob, '0\n');
    expect(await enableBridgeNetfilter(knob)).toBe('enabled');
    expect(readFileSync(knob, 'utf8').trim()).toBe('1');
    expect(await enableBridgeNetfilter(knob)).toBe('already');
  });

  it('fails when br_netfilter is not loaded (no knob)', async () => {
    await expect(enableBridgeNetfilter(join(dir, 'missing'))).rejects.toThrow();
  });
});
