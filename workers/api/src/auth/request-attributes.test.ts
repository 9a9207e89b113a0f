import { describe, expect, it } from 'vitest';
import type { ResourceRequest } from '../request/info';
import { requestAttributes } from './request-attributes';

const user = { name: 'alice', uid: '', groups: ['system:authenticated'] };
const req = (verb: ResourceRequest['verb'], name?: string): ResourceRequest => ({ group: '', version: 'v1', resource: 'configmaps', namespace: 'ns', verb, name });
const attrs = (r: ResourceRequest, query: string) => requestAttributes(user, r, new URLSearchParams(query));

describe('requestAttributes', () => {
  it('authorizes a list or watch pinned to one name for that name, as upstream', () => {
    expect(attrs(req('list'), 'fieldSelector=metadata.name%3Dapp').name).toBe('app');
    expect(attrs(req('watch'), 'fieldSelector=metadata.name%3D%3Dapp,status.phase%3DRunning').name).toBe('app');
  });

  it('leaves the name unset when the selector does not pin it, or pins something no path could name', () => {
    expect(attrs(req('list'), 'fieldSelector=metadata.name!%3Dapp').name).toBeUndefined();
    expect(attrs(req('list'), 'fieldSelector=metadata.namespace%3Dns').name).toBeUndefined();
    expect(attrs(req('list'), 'fieldSelector=metadata.name%3Da%2Fb').name).toBeUndefined();
    expect(attrs(req('list'), 'fieldSelector=metadata.name%3D..').name).toBeUndefined();
    expect(attrs(req('list'), '').name).toBeUndefined();
  });

  it('keeps the URL name of other verbs and ignores their selectors', () => {
    expect(attrs(req('get', 'x'), 'fieldSelector=metadata.name%3Dy').name).toBe('x');
    expect(attrs(req('deletecollection'), 'fieldSelector=metadata.name%3Dy').name).toBeUndefined();
    expect(attrs(req('list'), 'fieldSelector=spec.nodeName%3Dn1')).toMatchObject({ verb: 'list', resource: 'configmaps', namespace: 'ns', fieldSelector: 'spec.nodeName=n1' });
  });
});
