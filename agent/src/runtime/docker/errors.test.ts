import { describe, expect, it } from 'vitest';
import { isNotFound } from './errors';

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
