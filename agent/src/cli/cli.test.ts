import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeConfig } from '../config';
import { parseDuration } from './args';
import { verifiedClusterInfo } from './discovery';
import { runCli, type CliIO } from './index';
import { signDetached, verifyDetached } from './jws';

let dir: string;
let io: CliIO & { out_: string[]; err_: string[] };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'agent-cli-'));
  const out_: string[] = [];
  const err_: string[] = [];
  io = { out_, err_, out: (t) => out_.push(t), err: (t) => err_.push(t) };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('command line', () => {
  it('prints help for every command and exits 0', async () => {
    for (const cmd of ['join', 'run', 'install', 'cleanup']) {
      io.out_.length = 0;
      expect(await runCli([cmd, '--help'], io)).toBe(0);
      expect(io.out_.join('')).toContain(`Usage: kubeflare-agent ${cmd}`);
    }
    expect(await runCli(['--help'], io)).toBe(0);
  });

  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['join', '--bogus'], "Unknown option '--bogus'"],
    [['join', '--token', 'abcdef.0123456789abcdef'], '--server is required'],
    [['join', '--server', 'https://x:6443'], '--token is required'],
    [['join', '--server', 'http://x:6443', '--token', 'abcdef.0123456789abcdef'], 'must use https://'],
    [['join', '--server', 'https://x:6443', '--token', 'secret'], '--token: expected a bootstrap token'],
    [['join', '--server', 'https://x:6443', '--token', 'abcdef.0123456789abcdef', '--node-name', 'Not_Valid'], '--node-name: "Not_Valid" is not a valid node name'],
    [['join', '--server', 'https://x:6443', '--token', 'abcdef.0123456789abcdef', '--ca-file', 'a', '--insecure-skip-tls-verify-for-join'], 'exclude each other'],
    [['run', 'extra'], 'Unexpected argument'],
  ])('refuses %j with exit 2 and a hint', async (argv, message) => {
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err_.join('\n')).toContain(message);
    expect(io.err_.join('\n')).toContain('--help');
  });

  it('reports a missing config for run with exit 1', async () => {
    expect(await runCli(['run', '--config', join(dir, 'none.yaml')], io)).toBe(1);
    expect(io.err_.join('')).toContain('does not exist; run "kubeflare-agent join');
  });

  it('install --prefix writes the unit and the config 0600 and does not call systemctl', async () => {
    const src = join(dir, 'joined.yaml');
    writeConfig(src, { server: 'https://10.0.0.1:6443', token: 't', nodeName: 'n1' });
    expect(await runCli(['install', '--prefix', join(dir, 'root'), '--config', src], io)).toBe(0);
    const unit = readFileSync(join(dir, 'root/etc/systemd/system/kubeflare-agent.service'), 'utf8');
    expect(unit).toMatch(/^ExecStart=\S+ --max-semi-space-size=2 \S+kubeflare-agent\.mjs run --config \/etc\/kubeflare\/agent\.yaml$/m);
    expect(unit).toContain('KillMode=process');
    expect(statSync(join(dir, 'root/etc/kubeflare/agent.yaml')).mode & 0o777).toBe(0o600);
    expect(io.err_.join('')).not.toContain('systemctl');
  });

  it('parses durations', () => {
    expect(parseDuration('24h', '--ttl')).toBe(86400);
    expect(parseDuration('90', '--ttl')).toBe(90);
    expect(() => parseDuration('soon', '--ttl')).toThrow('--ttl: expected a duration');
  });
});

describe('cluster-info discovery', () => {
  const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  const kubeconfig = `apiVersion: v1\nkind: Config\nclusters:\n- name: ""\n  cluster:\n    certificate-authority-data: ${Buffer.from(CA).toString('base64')}\n    server: https://10.0.0.1:6443\n`;

  it('signs and verifies a detached HS256 JWS keyed by the whole token', () => {
    const jws = signDetached('content', 'abcdef', '0123456789abcdef');
    expect(jws).toMatch(/^[\w-]+\.\.[\w-]+$/);
    expect(JSON.parse(Buffer.from(jws.split('.')[0], 'base64url').toString())).toEqual({ alg: 'HS256', kid: 'abcdef' });
    expect(verifyDetached('content', jws, 'abcdef', '0123456789abcdef')).toBe(true);
    expect(verifyDetached('content!', jws, 'abcdef', '0123456789abcdef')).toBe(false);
    expect(verifyDetached('content', jws, 'abcdef', 'ffffffffffffffff')).toBe(false);
  });

  it('returns the CA only when the token signed it', () => {
    const cm = { data: { kubeconfig, 'jws-kubeconfig-abcdef': signDetached(kubeconfig, 'abcdef', '0123456789abcdef') } };
    expect(verifiedClusterInfo(cm, 'abcdef', '0123456789abcdef')).toEqual({ server: 'https://10.0.0.1:6443', caPem: CA });
    expect(() => verifiedClusterInfo(cm, 'abcdef', 'ffffffffffffffff')).toThrow(/does not match/);
    expect(() => verifiedClusterInfo(cm, 'zzzzzz', '0123456789abcdef')).toThrow(/no signature for token id "zzzzzz"/);
    const tampered = { data: { ...cm.data, kubeconfig: kubeconfig.replace('10.0.0.1', '10.6.6.6') } };
    expect(() => verifiedClusterInfo(tampered, 'abcdef', '0123456789abcdef')).toThrow(/does not match/);
  });
});
