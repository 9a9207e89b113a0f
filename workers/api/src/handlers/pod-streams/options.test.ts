import { describe, expect, it } from 'vitest';
import { StatusError } from '../../../../kube/status';
import { parseExecOptions, parseLogOptions } from './options';

const q = (s: string) => new URLSearchParams(s);
const failure = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof StatusError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a StatusError');
};

describe('pod log options', () => {
  it('reads what kubectl sends', () => {
    expect(parseLogOptions(q('follow=true&tailLines=5&timestamps=true&previous=1&limitBytes=10'), 'p')).toEqual({
      follow: true,
      tailLines: 5,
      timestamps: true,
      previous: true,
      limitBytes: 10,
    });
  });

  it('turns sinceSeconds and sinceTime into an absolute unix time', () => {
    const now = Date.parse('2026-11-26T12:00:00Z');
    expect(parseLogOptions(q('sinceSeconds=60'), 'p', now).sinceUnix).toBe(now / 1000 - 60);
    expect(parseLogOptions(q('sinceTime=2026-11-26T11:00:00Z'), 'p', now).sinceUnix).toBe(now / 1000 - 3600);
  });

  it('refuses bad values with upstream messages', () => {
    expect(failure(() => parseLogOptions(q('tailLines=-1'), 'p'))).toEqual({ code: 422, message: 'PodLogOptions "p" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0' });
    expect(failure(() => parseLogOptions(q('limitBytes=0'), 'p')).message).toContain('limitBytes: Invalid value: 0: must be greater than 0');
    expect(failure(() => parseLogOptions(q('sinceSeconds=5&sinceTime=2026-11-26T11:00:00Z'), 'p')).message).toContain('at most one of `sinceTime` or `sinceSeconds` may be specified');
    expect(failure(() => parseLogOptions(q('tailLines=x'), 'p'))).toEqual({ code: 400, message: 'strconv.ParseInt: parsing "x": invalid syntax' });
    expect(failure(() => parseLogOptions(q('follow=yes'), 'p'))).toEqual({ code: 400, message: 'strconv.ParseBool: parsing "yes": invalid syntax' });
    expect(failure(() => parseLogOptions(q('sinceTime=yesterday'), 'p')).code).toBe(400);
  });
});

describe('pod exec options', () => {
  it('collects the repeated command parameter', () => {
    expect(parseExecOptions(q('command=sh&command=-c&command=echo+hi&stdout=true&stderr=true'), 'exec')).toEqual({
      command: ['sh', '-c', 'echo hi'],
      stdin: false,
      stdout: true,
      stderr: true,
      tty: false,
    });
  });

  it('needs a command for exec and at least one stream', () => {
    expect(failure(() => parseExecOptions(q('stdout=true'), 'exec')).message).toBe('you must specify at least 1 command');
    expect(failure(() => parseExecOptions(q('command=ls'), 'exec')).message).toBe('you must specify at least 1 of stdin, stdout, stderr');
    expect(parseExecOptions(q('stdin=true&tty=true'), 'attach')).toMatchObject({ command: [], stdin: true, tty: true });
  });
});
