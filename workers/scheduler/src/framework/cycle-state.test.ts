import { describe, expect, it } from 'vitest';
import { CycleState, Frozen, stateReader } from './cycle-state';

const plugins = [{ name: 'A' }, { name: 'B' }, { name: 'C' }];

describe('CycleState.activeFilters', () => {
  it('returns every filter when none was skipped', () => {
    expect(new CycleState().activeFilters(plugins)).toEqual(plugins);
  });

  it('leaves out the plugins that returned Skip at PreFilter', () => {
    const s = new CycleState();
    s.skipFilter.add('B');
    expect(s.activeFilters(plugins).map((p) => p.name)).toEqual(['A', 'C']);
  });

  it('notices a skip added after the list was first worked out', () => {
    const s = new CycleState();
    expect(s.activeFilters(plugins)).toHaveLength(3);
    s.skipFilter.add('A');
    expect(s.activeFilters(plugins).map((p) => p.name)).toEqual(['B', 'C']);
  });

  it('works the list out again for another framework\'s filters', () => {
    const s = new CycleState();
    s.skipFilter.add('A');
    expect(s.activeFilters(plugins)).toHaveLength(2);
    expect(s.activeFilters([{ name: 'A' }, { name: 'D' }]).map((p) => p.name)).toEqual(['D']);
  });

  it('carries the skips into a clone', () => {
    const s = new CycleState();
    s.skipFilter.add('C');
    expect(s.clone().activeFilters(plugins).map((p) => p.name)).toEqual(['A', 'B']);
  });
});

describe('stateReader', () => {
  it('answers what the state holds, for each state it is given', () => {
    const read = stateReader<Frozen<number>>('k');
    const a = new CycleState();
    const b = new CycleState();
    a.write('k', new Frozen(1));
    b.write('k', new Frozen(2));
    expect(read(a)?.value).toBe(1);
    expect(read(b)?.value).toBe(2);
    expect(read(a)?.value).toBe(1);
  });

  it('sees a write to the same state after an earlier read', () => {
    const read = stateReader<Frozen<number>>('k');
    const s = new CycleState();
    expect(read(s)).toBeUndefined();
    s.write('k', new Frozen(3));
    expect(read(s)?.value).toBe(3);
    s.write('k', new Frozen(4));
    expect(read(s)?.value).toBe(4);
  });
});
