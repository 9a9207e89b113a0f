// Windowed rendering: only the rows in (or near) the viewport are in the DOM, with spacers above and
// below keeping the scrollbar true, so a list of 5,000 pods scrolls as lightly as one of 50.
export interface Window {
  start: number;
  end: number;
  /** Heights of the spacers before and after the rendered rows, px. */
  before: number;
  after: number;
}

export function visibleWindow(total: number, scrollTop: number, viewport: number, rowHeight: number, overscan = 10): Window {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0, before: 0, after: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, Math.min(total - 1, first) - overscan);
  const end = Math.min(total, first + Math.ceil(Math.max(viewport, rowHeight) / rowHeight) + overscan);
  return { start, end, before: start * rowHeight, after: (total - end) * rowHeight };
}

/** The scrollTop that brings row `index` into view (kept where it is when already visible). */
export function scrollToRow(index: number, scrollTop: number, viewport: number, rowHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport;
  return scrollTop;
}
