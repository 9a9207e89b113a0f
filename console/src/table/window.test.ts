import { describe, expect, it } from 'vitest';
import { scrollToRow, visibleWindow } from './window';

describe('windowed rows', () => {
  it('renders the visible rows plus overscan, with spacers for the rest', () => {
    expect(visibleWindow(5000, 0, 600, 30, 10)).toEqual({ start: 0, end: 30, before: 0, after: 4970 * 30 });
    expect(visibleWindow(5000, 3000, 600, 30, 10)).toEqual({ start: 90, end: 130, before: 2700, after: 4870 * 30 });
    const last = visibleWindow(5000, 5000 * 30 - 600, 600, 30, 10);
    expect(last.end).toBe(5000);
    expect(last.before + (last.end - last.start) * 30 + last.after).toBe(5000 * 30);
  });

  it('handles short and empty lists and a scroll position past the end', () => {
    expect(visibleWindow(3, 0, 600, 30)).toEqual({ start: 0, end: 3, before: 0, after: 0 });
    expect(visibleWindow(0, 0, 600, 30)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
    const w = visibleWindow(10, 99999, 600, 30, 2);
    expect(w.end).toBe(10);
    expect(w.start).toBe(7);
  });

  it('scrolls a row into view for keyboard navigation', () => {
    expect(scrollToRow(50, 0, 600, 30)).toBe(51 * 30 - 600);
    expect(scrollToRow(5, 300, 600, 30)).toBe(150);
    expect(scrollToRow(12, 300, 600, 30)).toBe(300);
  });
});
