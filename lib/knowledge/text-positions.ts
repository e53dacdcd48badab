import type { PageSpan } from "./types";

export interface NumberRange {
  start: number;
  end: number;
}

/** Maps character offsets in a text to 1-based line numbers. */
export function lineLookup(text: string): (start: number, end: number) => NumberRange {
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const lineAt = (offset: number) => lastIndexAtOrBefore(lineStarts, offset, (start) => start) + 1;
  return (start, end) => ({ start: lineAt(start), end: lineAt(Math.max(start, end - 1)) });
}

/** Maps character offsets to the PDF pages they fall on. */
export function pageLookup(pages: PageSpan[]): (start: number, end: number) => NumberRange | undefined {
  const pageAt = (offset: number) => pages[Math.max(0, lastIndexAtOrBefore(pages, offset, (span) => span.start))]?.page;
  return (start, end) => {
    const first = pageAt(start);
    const last = pageAt(Math.max(start, end - 1));
    return first === undefined || last === undefined ? undefined : { start: first, end: last };
  };
}

/** Binary search: the index of the last item whose key is <= offset, or -1. */
function lastIndexAtOrBefore<T>(items: readonly T[], offset: number, key: (item: T) => number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (key(items[middle]!) <= offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
