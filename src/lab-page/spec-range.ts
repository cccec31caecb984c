// The lines a claim links to on its lab's spec page: #<file>-L<first>-L<last> (or -L<line>).

export interface Range {
  file: string;
  start: number;
  end: number;
}

export function rangeHash(r: Range): string {
  return `#${r.file}-L${r.start}-L${r.end}`;
}

/** #lab.ts-L40-L47 (or #lab.ts-L40) → the range it names; undefined for any other hash. */
export function parseRange(hash: string): Range | undefined {
  const m = /^#(.+?)-L(\d+)(?:-L(\d+))?$/.exec(decodeURIComponent(hash));
  if (m === null) return undefined;
  const start = Number(m[2]);
  return { file: m[1], start, end: m[3] === undefined ? start : Number(m[3]) };
}
