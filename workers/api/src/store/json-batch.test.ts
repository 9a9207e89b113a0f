import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, chunkRuns } from './json-batch';

interface Item {
  id: number;
  size: number;
  chunkable?: boolean;
}
const runsOf = (items: Item[]) => chunkRuns(items, (t) => t.size, (t) => t.chunkable !== false).map((r) => ({ json: r.json, ids: r.items.map((t) => t.id) }));

describe('chunkRuns', () => {
  it('puts consecutive items in one chunk', () => {
    expect(runsOf([1, 2, 3].map((id) => ({ id, size: 100 })))).toEqual([{ json: true, ids: [1, 2, 3] }]);
  });

  it('starts a new chunk when the next item would pass CHUNK_BYTES', () => {
    const half = CHUNK_BYTES / 2;
    expect(runsOf([1, 2, 3, 4, 5].map((id) => ({ id, size: half - 1 })))).toEqual([
      { json: true, ids: [1, 2] },
      { json: true, ids: [3, 4] },
      { json: false, ids: [5] },
    ]);
  });

  it('sends items that cannot be chunked row by row, in their place', () => {
    expect(runsOf([{ id: 1, size: 10 }, { id: 2, size: 10 }, { id: 3, size: 10, chunkable: false }, { id: 4, size: 10 }, { id: 5, size: 10 }])).toEqual([
      { json: true, ids: [1, 2] },
      { json: false, ids: [3] },
      { json: true, ids: [4, 5] },
    ]);
  });

  it('sends a lone item row by row (two statements, not three)', () => {
    expect(runsOf([{ id: 1, size: 10 }])).toEqual([{ json: false, ids: [1] }]);
    expect(runsOf([{ id: 1, size: 10 }, { id: 2, size: 10, chunkable: false }, { id: 3, size: 10 }])).toEqual([
      { json: false, ids: [1] },
      { json: false, ids: [2] },
      { json: false, ids: [3] },
    ]);
  });

  it('keeps an item larger than a chunk in a chunk of its own', () => {
    expect(runsOf([{ id: 1, size: 10 }, { id: 2, size: CHUNK_BYTES + 1 }, { id: 3, size: 10 }, { id: 4, size: 10 }])).toEqual([
      { json: false, ids: [1] },
      { json: false, ids: [2] },
      { json: true, ids: [3, 4] },
    ]);
  });
});
