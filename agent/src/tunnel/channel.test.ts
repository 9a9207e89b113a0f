import { describe, expect, it } from 'vitest';
import { Channel, channelMessage, decodeClientMessage, exitStatus } from './channel';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('remote-command channel protocol', () => {
  it('prefixes output with its channel byte', () => {
    expect([...channelMessage(Channel.stdout, bytes(104, 105))]).toEqual([1, 104, 105]);
    expect([...channelMessage(Channel.stderr, bytes())]).toEqual([2]);
  });

  it('decodes stdin, resize and (v5 only) close', () => {
    const stdin = decodeClientMessage(bytes(0, 65, 66), true);
    expect(stdin.kind).toBe('stdin');
    expect(stdin.kind === 'stdin' && [...stdin.data]).toEqual([65, 66]);
    const resize = channelMessage(Channel.resize, new TextEncoder().encode('{"Width":120,"Height":40}'));
    expect(decodeClientMessage(resize, false)).toEqual({ kind: 'resize', width: 120, height: 40 });
    expect(decodeClientMessage(bytes(255, 0), true)).toEqual({ kind: 'close', channel: 0 });
    expect(decodeClientMessage(bytes(255, 0), false)).toEqual({ kind: 'ignored' });
  });

  it('ignores malformed messages', () => {
    expect(decodeClientMessage(bytes(), true)).toEqual({ kind: 'ignored' });
    expect(decodeClientMessage(channelMessage(Channel.resize, new TextEncoder().encode('{')), true)).toEqual({ kind: 'ignored' });
    expect(decodeClientMessage(bytes(1, 2), true)).toEqual({ kind: 'ignored' });
  });

  it('ends with Success or a NonZeroExitCode failure kubectl reads its exit code from', () => {
    expect(exitStatus(0, ['true'])).toEqual({ metadata: {}, status: 'Success' });
    expect(exitStatus(3, ['sh', '-c', 'exit 3'])).toMatchObject({
      status: 'Failure',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });
});
