// apply.ts against stand-in nft binaries (shell scripts), so no privileges or kernel tables are needed.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyRules, nftApplier, NftUnavailableError, removeRules } from './apply';

const dir = mkdtempSync(join(tmpdir(), 'kf-nft-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fake nft that records its arguments and stdin, then exits with `code` after printing `stderr`. */
function fakeNft(name: string, code = 0, stderr = ''): { bin: string; args: () => string; stdin: () => string } {
  const bin = join(dir, name);
  writeFileSync(bin, `#!/bin/sh\necho "$@" > ${bin}.args\ncat > ${bin}.stdin\nprintf '%s' '${stderr}' >&2\nexit ${code}\n`);
  chmodSync(bin, 0o755);
  return { bin, args: () => readFileSync(`${bin}.args`, 'utf8').trim(), stdin: () => readFileSync(`${bin}.stdin`, 'utf8') };
}

describe('nft apply', () => {
  it('feeds the script to `nft -f -` on stdin', async () => {
    const nft = fakeNft('ok');
    await applyRules('table ip kubeflare {}\n', { nft: nft.bin });
    expect(nft.args()).toBe('-f -');
    expect(nft.stdin()).toBe('table ip kubeflare {}\n');
  });

  it('reports nft’s own error text when the transaction is refused', async () => {
    const nft = fakeNft('refuses', 1, 'Error: syntax error');
    await expect(applyRules('nonsense\n', { nft: nft.bin })).rejects.toThrow('nft -f failed (exit 1): Error: syntax error');
  });

  it('removes only the named table, declaring it first so a missing table is fine', async () => {
    const nft = fakeNft('remove');
    await removeRules('kf-x', { nft: nft.bin });
    expect(nft.stdin()).toBe('table ip kf-x {}\ndelete table ip kf-x\n');
  });

  it('says clearly when nft is missing or unusable, before the first sync', async () => {
    await expect(nftApplier({ nft: join(dir, 'no-such-nft') })).rejects.toBeInstanceOf(NftUnavailableError);
    const broken = fakeNft('no-kernel', 1, 'Error: Could not process rule: Operation not supported');
    await expect(nftApplier({ nft: broken.bin })).rejects.toThrow(/nftables is not usable here \(Error: Could not process rule/);
    expect(broken.args()).toBe('--check -f -');
    const ok = fakeNft('checks');
    const apply = await nftApplier({ nft: ok.bin });
    await apply('add table ip kubeflare\n');
    expect(ok.stdin()).toBe('add table ip kubeflare\n');
  });
});
