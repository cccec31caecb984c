// Turns a loaded lab and its transcript into the page data the browser renders. Pure.
import type { Transcript } from '../../harness/kit/transcript/transcript.ts';
import type { LoadedLab, Show } from '../../harness/kit/types.ts';
import type { PageLab, ShownCode } from '../lab-data-types.ts';

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
      return { language: 'bash', code: show.command };
  }
}

export function pageLab(lab: LoadedLab, transcript: Transcript | undefined): PageLab {
  return {
    id: lab.id,
    title: lab.title,
    summary: lab.summary,
    minutes: lab.minutes,
    kafka: [...lab.needs.kafka],
    engines: [...lab.needs.engines],
    services: [...(lab.needs.services ?? [])],
    recordedWith: transcript?.recordedWith,
    steps: lab.steps.map((s) => {
      const rec = transcript?.steps.find((t) => t.title === s.title);
      return {
        title: s.title,
        prose: s.prose,
        shown: shownCode(s.show, lab.files),
        expectError: s.expectError === true,
        claims: (s.claims ?? []).map((c) => {
          const r = rec?.claims.find((x) => x.text === c.text);
          return r === undefined ? { text: c.text, verified: null } : { text: c.text, verified: r.passed, error: r.error };
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
