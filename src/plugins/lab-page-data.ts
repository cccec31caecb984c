// Turns a loaded lab and its transcript into the page data the browser renders. Pure.
import { lineDiff } from '../../harness/kit/transcript/diff.ts';
import { Masker } from '../../harness/kit/transcript/mask.ts';
import type { Transcript } from '../../harness/kit/transcript/transcript.ts';
import type { LoadedLab, Show } from '../../harness/kit/types.ts';
import type { PageLab, ShownCode } from '../lab-data-types.ts';
import type { ClaimSource } from '../lab-page/claim-lines.ts';

/** What the plugin finds around the spec: step anchors, where claims are checked, the diagram. */
export interface PageExtras {
  anchors?: string[];
  claimSources?: Map<string, ClaimSource>;
  diagram?: string;
}

/**
 * Whether a transcript's claim text is the spec's claim: the transcript masks every string, claim texts
 * too, so a long one is kept as its head, length and digest.
 */
export function recordsClaim(recorded: string, spec: string): boolean {
  return recorded === spec || recorded === new Masker().maskString(spec);
}

/** The curl a reader types against Kafka Connect's REST API (default port 8083). */
export function curlCommand(method: string, path: string, bodyFile?: string): string {
  const parts = ['curl', '-s', '-X', method, '-H', '"Accept:application/json"'];
  if (bodyFile !== undefined) parts.push('-H', '"Content-Type:application/json"');
  parts.push(`localhost:8083${path}`);
  if (bodyFile !== undefined) parts.push('-d', `@${bodyFile}`);
  return parts.join(' ');
}

function shownCode(show: Show | undefined, files: Record<string, string>): ShownCode | undefined {
  if (show === undefined) return undefined;
  switch (show.kind) {
    case 'sql':
      return { language: 'sql', file: show.file, code: files[show.file] };
    case 'json':
      return { language: 'json', file: show.file, code: files[show.file] };
    case 'curl':
      return {
        language: 'bash',
        code: curlCommand(show.method, show.path, show.file),
        body: show.file === undefined ? undefined : { file: show.file, code: files[show.file] },
      };
    case 'shell':
      return { language: 'bash', code: show.command, ...(show.file === undefined ? {} : { body: { file: show.file, code: files[show.file] } }) };
  }
}

/**
 * A long body that mostly repeats the one posted before it: its lines that differ, so the page can
 * show those and fold the rest (e.g. six connector configs that differ in a few keys).
 */
export function bodyChanges(previous: string, current: string): string[] | undefined {
  const lines = current.trimEnd().split('\n');
  if (lines.length <= 12 || previous === current) return undefined;
  const added = lineDiff(previous.trimEnd(), current.trimEnd(), 0)
    .split('\n')
    .filter((l) => l.startsWith('+ '))
    .map((l) => l.slice(2));
  return added.length > 0 && added.length <= lines.length / 2 ? added : undefined;
}

/**
 * Marks each curl body the lab posted before: one posted in an earlier step again (`repeats`), or
 * one that mostly repeats the body posted just before it (`changes`, the lines that differ).
 */
function withBodyChanges(shown: Array<ShownCode | undefined>): Array<ShownCode | undefined> {
  let previous: { file: string; code: string } | undefined;
  const postedAt = new Map<string, number>();
  return shown.map((s, i) => {
    const body = s?.body;
    if (s === undefined || body === undefined) return s;
    const earlier = postedAt.get(body.file);
    const changes = previous === undefined || previous.file === body.file ? undefined : bodyChanges(previous.code, body.code);
    const against = previous?.file;
    previous = body;
    if (earlier === undefined) postedAt.set(body.file, i);
    if (earlier !== undefined) return { ...s, body: { ...body, repeats: earlier + 1 } };
    return changes === undefined || against === undefined ? s : { ...s, body: { ...body, changes: { against, lines: changes } } };
  });
}

export function pageLab(lab: LoadedLab, transcript: Transcript | undefined, extras: PageExtras = {}): PageLab {
  const shown = withBodyChanges(lab.steps.map((s) => shownCode(s.show, lab.files)));
  return {
    id: lab.id,
    title: lab.title,
    summary: lab.summary,
    minutes: lab.minutes,
    kafka: [...lab.needs.kafka],
    engines: [...lab.needs.engines],
    services: [...(lab.needs.services ?? [])],
    recordedWith: transcript?.recordedWith,
    diagram: extras.diagram ?? '',
    steps: lab.steps.map((s, i) => {
      const rec = transcript?.steps.find((t) => t.title === s.title);
      return {
        title: s.title,
        anchor: extras.anchors?.[i] ?? `step-${i + 1}`,
        prose: s.prose,
        shown: shown[i],
        expectError: s.expectError === true,
        claims: (s.claims ?? []).map((c) => {
          const r = rec?.claims.find((x) => recordsClaim(x.text, c.text));
          const source = extras.claimSources?.get(c.text);
          const claim = r === undefined ? { text: c.text, verified: null } : { text: c.text, verified: r.passed, error: r.error };
          return source === undefined ? claim : { ...claim, source };
        }),
        recorded: rec === undefined ? undefined : { events: rec.events, rows: rec.rows, output: rec.output, error: rec.error },
      };
    }),
  };
}

/** Lab ids named by `<LabPage id="…" />` in a docs page (code blocks and inline code excepted). */
export function labReferences(mdx: string): string[] {
  const prose = mdx.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/<LabPage\s+id=["']([^"']+)["']/g)].map((m) => m[1]);
}
