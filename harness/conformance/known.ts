// Matching differences against the list of known ones (known-differences.ts).
import type { Difference } from './diff.ts';

export interface KnownDifference {
  /** short id, shown in the diff and on the docs page */
  id: string;
  /** topic without prefix; "*" matches any run of characters */
  topic: string;
  /** "<part>.<path>" as the diff prints it ("value.payload.after.c_point"); "*" as above */
  path: string;
  /** what differs, for the docs page */
  summary: string;
  /** why it is not fixed */
  reason: string;
  /** the profiles (profiles.ts) it occurs under; absent: every profile */
  profiles?: string[];
}

function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** The known difference that explains `d`, if any. */
export function explain(d: Difference, known: readonly KnownDifference[]): KnownDifference | undefined {
  const path = `${d.part}.${d.path}`;
  return known.find((k) => glob(k.topic).test(d.topic) && glob(k.path).test(path));
}

export interface Classified {
  known: Array<{ difference: Difference; because: KnownDifference }>;
  unknown: Difference[];
  /** known differences that matched nothing in this run */
  unused: KnownDifference[];
}

/** `profile`: the run's profile; entries limited to other profiles neither match nor count as unused. */
export function classify(differences: readonly Difference[], knownIn: readonly KnownDifference[], profile?: string): Classified {
  const known = profile === undefined ? knownIn : knownIn.filter((k) => !k.profiles || k.profiles.includes(profile));
  const out: Classified = { known: [], unknown: [], unused: [] };
  const used = new Set<string>();
  for (const d of differences) {
    const because = explain(d, known);
    if (because) {
      out.known.push({ difference: d, because });
      used.add(because.id);
    } else out.unknown.push(d);
  }
  out.unused = known.filter((k) => !used.has(k.id));
  return out;
}
