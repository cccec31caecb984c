// Where a claim is checked: the lines of `claim('…', check)` in the lab's TypeScript files, so a
// page can link each claim to the code that asserts it. Matching is on the claim's text as the
// first argument; a template literal's ${…} parts match anything.

export interface ClaimSource {
  file: string;
  start: number;
  end: number;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Reads the string literal at `at` (quote included); returns its source text and end offset. */
function literalAt(src: string, at: number): { body: string; end: number } | undefined {
  const quote = src[at];
  if (quote !== "'" && quote !== '"' && quote !== '`') return undefined;
  let i = at + 1;
  while (i < src.length && src[i] !== quote) i += src[i] === '\\' ? 2 : 1;
  return i < src.length ? { body: src.slice(at + 1, i), end: i + 1 } : undefined;
}

/** A matcher for a literal's text: escapes undone, ${…} as a wildcard. */
function literalMatcher(body: string): RegExp {
  const parts = body.split(/\$\{[^}]*\}/g).map((p) => escapeRegExp(p.replace(/\\(.)/g, '$1')));
  return new RegExp(`^${parts.join('[\\s\\S]*')}$`);
}

/** Offset just past the parenthesis that closes the one at `open`, skipping strings and comments. */
function closingParen(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') i = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i);
    else if (c === '/' && src[i + 1] === '*') i = src.indexOf('*/', i + 2) + 1 || src.length;
    else if (c === "'" || c === '"' || c === '`') i = (literalAt(src, i)?.end ?? src.length) - 1;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return src.length;
}

function lineAt(src: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < src.length; i++) if (src.charCodeAt(i) === 10) line++;
  return line;
}

/** For each claim text, the first `claim(…)` call in `files` (name → source) that states it. */
export function claimSources(texts: string[], files: Record<string, string>): Map<string, ClaimSource> {
  const found = new Map<string, ClaimSource>();
  for (const [file, src] of Object.entries(files)) {
    for (const m of src.matchAll(/\bclaim\(\s*/g)) {
      const lit = literalAt(src, m.index + m[0].length);
      if (lit === undefined) continue;
      const matcher = literalMatcher(lit.body);
      const start = lineAt(src, m.index);
      const end = lineAt(src, closingParen(src, m.index + 'claim'.length));
      for (const text of texts) if (!found.has(text) && matcher.test(text)) found.set(text, { file, start, end });
    }
  }
  return found;
}
