import { describe, expect, it } from 'vitest';
import { resolveContainer } from './container';

const pod = (containers: string[], init: string[] = []) => ({
  metadata: { name: 'web' },
  spec: { containers: containers.map((name) => ({ name })), initContainers: init.map((name) => ({ name })) },
});

describe('container of a stream request', () => {
  it('defaults to the only container', () => {
    expect(resolveContainer(pod(['main']), null)).toBe('main');
  });

  it('accepts any container of the pod, init containers included', () => {
    expect(resolveContainer(pod(['main', 'side'], ['setup']), 'setup')).toBe('setup');
  });

  it('words refusals as upstream', () => {
    expect(() => resolveContainer(pod(['main']), 'nope')).toThrow('container nope is not valid for pod web');
    expect(() => resolveContainer(pod(['main', 'side'], ['setup']), '')).toThrow('a container name must be specified for pod web, choose one of: [setup main side]');
  });
});
