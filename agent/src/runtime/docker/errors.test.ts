import { describe, expect, it } from 'vitest';
import { isExitRace, isNotFound } from './errors';

// dockerode's error shape: statusCode plus the engine's JSON body.
const apiError = (statusCode: number, message: string) => Object.assign(new Error(`(HTTP code ${statusCode}) ${message}`), { statusCode, json: { message } });

describe('isNotFound', () => {
  it('is true for a 404 and for podman’s 500 about a container removed meanwhile', () => {
    expect(isNotFound(apiError(404, 'no such container'))).toBe(true);
    expect(isNotFound(apiError(500, 'container de5588e8 does not exist in database: no such container'))).toBe(true);
  });

  it('is false for other server errors', () => {
    expect(isNotFound(apiError(500, 'runc: container_linux.go: starting container process caused: exec format error'))).toBe(false);
    expect(isNotFound(apiError(409, 'container is running'))).toBe(false);
  });
});

describe('isExitRace', () => {
  it('is true for podman’s 500 about a process that exited during the inspect', () => {
    expect(isExitRace(apiError(500, 'read /proc/15488/cgroup: no such process'))).toBe(true);
  });

  it('is false for other errors, and for the same words in another status', () => {
    expect(isExitRace(apiError(500, 'container de5588e8 does not exist in database: no such container'))).toBe(false);
    expect(isExitRace(apiError(404, 'read /proc/15488/cgroup: no such process'))).toBe(false);
  });
});
