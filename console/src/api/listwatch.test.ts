import { describe, expect, it } from 'vitest';
import { objectsReducer } from './listwatch';

describe('object list state', () => {
  it('builds from a list and follows watch events and bookmarks', () => {
    let s = objectsReducer.fromList({ metadata: { resourceVersion: '5' }, items: [{ metadata: { uid: 'a', name: 'a', resourceVersion: '4' } }] });
    expect(objectsReducer.resourceVersion(s)).toBe('5');
    s = objectsReducer.apply(s, { type: 'ADDED', object: { metadata: { uid: 'b', name: 'b', resourceVersion: '6' } } });
    s = objectsReducer.apply(s, { type: 'MODIFIED', object: { metadata: { uid: 'a', name: 'a', resourceVersion: '7' }, spec: { x: 1 } } });
    expect(s.items.get('a').spec).toEqual({ x: 1 });
    s = objectsReducer.apply(s, { type: 'DELETED', object: { metadata: { uid: 'b', name: 'b', resourceVersion: '8' } } });
    expect([...s.items.keys()]).toEqual(['a']);
    s = objectsReducer.apply(s, { type: 'BOOKMARK', object: { metadata: { resourceVersion: '9' } } });
    expect(objectsReducer.resourceVersion(s)).toBe('9');
    expect(s.items.size).toBe(1);
  });
});
