import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig, writeConfig } from '.';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const minimal = { server: 'https://10.0.0.1:6443', token: 'abc', nodeName: 'node-1' };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'agent-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('agent config', () => {
  it('fills in the defaults of a minimal config', () => {
    const c = parseConfig(minimal);
    expect(c).toMatchObject({ heartbeatSeconds: 10, statusReportSeconds: 300, leaseDurationSeconds: 40, metricsAddress: '127.0.0.1:10249', labels: {}, taints: [], stateDir: '/var/lib/kubeflare' });
    expect(c.caPem).toBeUndefined();
  });

  it.each([
    ['an http server', { ...minimal, server: 'http://10.0.0.1:6443' }, 'server: must be an https:// URL'],
    ['a server that is not a URL', { ...minimal, server: 'not a url' }, 'server: must be an https:// URL'],
    ['an upper-case node name', { ...minimal, nodeName: 'Node_1' }, 'nodeName: a lowercase RFC 1123 subdomain'],
    ['a CA that is not PEM', { ...minimal, caPem: 'hello' }, 'caPem: must be a PEM certificate'],
    ['a bad taint effect', { ...minimal, taints: [{ key: 'a', effect: 'Sometimes' }] }, 'taints.0.effect'],
    ['an unknown field', { ...minimal, sever: 'x' }, 'sever'],
    ['a missing token', { server: minimal.server, nodeName: 'n' }, 'token:'],
    ['a bad metrics address', { ...minimal, metricsAddress: 'everywhere' }, 'metricsAddress: must be host:port'],
  ])('refuses %s with a message naming the field', (_n, doc, want) => {
    expect(() => parseConfig(doc)).toThrow(ConfigError);
    expect(() => parseConfig(doc)).toThrow(want);
  });

  it('writes the file 0600 and reads it back', () => {
    const path = join(dir, 'sub', 'agent.yaml');
    writeConfig(path, { ...minimal, caPem: CA, labels: { a: 'b' }, taints: [{ key: 'k', effect: 'NoSchedule' }] });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const warnings: string[] = [];
    const c = loadConfig(path, { warn: (m) => warnings.push(m) });
    expect(c).toMatchObject({ ...minimal, caPem: CA, labels: { a: 'b' }, taints: [{ key: 'k', effect: 'NoSchedule' }] });
    expect(warnings).toEqual([]);
  });

  it('tightens the mode of an existing file it overwrites', () => {
    const path = join(dir, 'agent.yaml');
    writeFileSync(path, 'x', { mode: 0o644 });
    writeConfig(path, minimal);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toContain('nodeName: node-1');
  });

  it('warns about a file others may read', () => {
    const path = join(dir, 'agent.yaml');
    writeConfig(path, minimal);
    chmodSync(path, 0o644);
    const warnings: string[] = [];
    loadConfig(path, { warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([`config file ${path} has mode 0644 but holds the node's token: chmod 600 ${path}`]);
  });

  it('explains a missing file and bad YAML', () => {
    expect(() => loadConfig(join(dir, 'nope.yaml'))).toThrow(/does not exist; run "kubeflare-agent join/);
    const path = join(dir, 'bad.yaml');
    writeFileSync(path, 'server: [unclosed', { mode: 0o600 });
    expect(() => loadConfig(path)).toThrow(/is not valid YAML/);
  });
});
