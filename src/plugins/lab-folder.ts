// What the site reads from a lab's folder besides the spec: the connector configurations (for the
// pipeline diagram) and the TypeScript that checks the claims (for the spec pages and links).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The `config` object of every connector JSON in the folder (transcript.json aside). */
export function connectorConfigs(dir: string): Array<Record<string, unknown>> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'transcript.json')
    .sort()
    .flatMap((f) => {
      try {
        const json = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { config?: Record<string, unknown> };
        const config = json.config ?? (json as Record<string, unknown>);
        return typeof config['connector.class'] === 'string' ? [config] : [];
      } catch {
        return [];
      }
    });
}

/** lab.ts first, then the other TypeScript files of the folder that are not tests. */
export function specSources(dir: string): Record<string, string> {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort((a, b) => (a === 'lab.ts' ? -1 : b === 'lab.ts' ? 1 : a.localeCompare(b)));
  return Object.fromEntries(names.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}
