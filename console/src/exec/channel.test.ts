import { describe, expect, it } from 'vitest';
import { base64Url, Channel, execProtocols, execUrl, exitOf, frame, parseMessage, resizeFrame } from './channel';

describe('exec channel protocol', () => {
  it('offers v5 then v4 and the token as a base64url subprotocol, never in the URL', () => {
    const p = execProtocols('abc/+=é');
    expect(p.slice(0, 2)).toEqual(['v5.channel.k8s.io', 'v4.channel.k8s.io']);
    // 'abc/+=é' in UTF-8, base64url without padding.
    expect(p[2]).toBe('base64url.bearer.authorization.k8s.io.YWJjLys9w6k');
    expect(base64Url('a')).toBe('YQ');
    const url = execUrl('https://127.0.0.1:6443', 'default', 'web-1', { container: 'main', command: ['sh', '-c', 'echo hi'], tty: true });
    expect(url).toBe('wss://127.0.0.1:6443/api/v1/namespaces/default/pods/web-1/exec?container=main&command=sh&command=-c&command=echo+hi&stdin=true&stdout=true&stderr=false&tty=true');
  });

  it('prefixes frames with their channel', () => {
    expect([...frame(Channel.Stdin, 'ls\r')]).toEqual([0, 108, 115, 13]);
    expect(new TextDecoder().decode(resizeFrame(80, 24).subarray(1))).toBe('{"Width":80,"Height":24}');
    expect(resizeFrame(80, 24)[0]).toBe(4);
  });

  it('reads output and turns the final Status into an exit code', () => {
    const out = parseMessage(Uint8Array.of(1, 104, 105));
    expect(out).toEqual({ type: 'output', stream: 'stdout', data: Uint8Array.of(104, 105) });
    expect(parseMessage(Uint8Array.of(2, 33)).type === 'output' && (parseMessage(Uint8Array.of(2, 33)) as { stream: string }).stream).toBe('stderr');
    expect(exitOf('{"status":"Success"}')).toEqual({ type: 'exit', code: 0 });
    expect(exitOf('{"status":"Failure","message":"command terminated with non-zero exit code","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}')).toEqual({
      type: 'exit',
      code: 3,
      message: 'command terminated with non-zero exit code',
    });
    expect(exitOf('{"status":"Failure","message":"container not found"}')).toEqual({ type: 'exit', code: 1, message: 'container not found' });
    expect(parseMessage(new Uint8Array(0))).toEqual({ type: 'ignored' });
  });
});
