import { describe, expect, it } from 'vitest';
import { appendCapped, containerNames, downloadName, logPath } from './logs';

describe('pod logs', () => {
  it('asks pods/log with kubectl’s options', () => {
    expect(logPath('default', 'web-1', {})).toBe('/api/v1/namespaces/default/pods/web-1/log');
    expect(logPath('default', 'web-1', { container: 'main', follow: true, previous: true, tailLines: 100 })).toBe('/api/v1/namespaces/default/pods/web-1/log?container=main&follow=true&previous=true&tailLines=100');
  });

  it('lists containers, init and ephemeral ones last', () => {
    expect(containerNames({ spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'a' }, { name: 'b' }] } })).toEqual(['a', 'b', 'init']);
    expect(containerNames(undefined)).toEqual([]);
  });

  it('keeps the newest lines only, with a partial last line', () => {
    expect(appendCapped('', 'a\nb\n', 5)).toBe('a\nb\n');
    expect(appendCapped('a\nb\nc\n', 'd\ne', 2)).toBe('c\nd\ne');
    expect(appendCapped('a\nb\n', 'c\n', 2)).toBe('b\nc\n');
  });

  it('names downloads after the pod and container', () => {
    expect(downloadName('web-1', 'main', true)).toBe('web-1-main-previous.log');
  });
});
