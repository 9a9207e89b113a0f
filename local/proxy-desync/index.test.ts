// startStack starts again only for Miniflare's synchronous-proxy assertion, not for other errors.
import assert from 'node:assert';
import { describe, expect, it } from 'vitest';
import { isProxyDesync } from '.';

class SynchronousFetcher {
  fetch(): never {
    assert(false);
  }
}
const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error('did not throw');
};

describe('isProxyDesync', () => {
  it("recognizes an assertion failing in Miniflare's SynchronousFetcher", () => {
    expect(isProxyDesync(thrown(() => new SynchronousFetcher().fetch()))).toBe(true);
  });

  it('leaves other assertions and errors alone', () => {
    expect(isProxyDesync(thrown(() => assert.equal(1, 2)))).toBe(false);
    expect(isProxyDesync(new Error('SynchronousFetcher'))).toBe(false);
    expect(isProxyDesync(undefined)).toBe(false);
  });
});
