// The layering the code relies on, checked on every unit run (issue: the engine as a library):
// - the engine is a library: it never imports the kit, the runtime, the labs or the conformance runner
//   (its integration tests may import the runtime, for servers);
// - the runtime starts servers and knows nothing of the engine or the labs;
// - outside harness/engine, only its public entries are imported: index.ts, and two light ones the kit
//   loads before the engine (connector-classes.ts, kafkajs-lz4.ts); cli.ts is spawned;
// - no import circles anywhere (type-only imports count: a circle of types is still a knot to read);
// - relative imports name the .ts file (Node's type stripping resolves nothing else).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importsOf } from './architecture.ts';

const root = path.resolve(import.meta.dirname, '..');
const sources = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.tsx'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && !f.endsWith('.d.ts') && fs.existsSync(path.join(root, f)));
const graph = new Map(sources.map((f) => [f, importsOf(f, fs.readFileSync(path.join(root, f), 'utf8'))]));
const edges = [...graph].flatMap(([from, list]) => list.map((i) => ({ from, ...i })));
const ENGINE_ENTRIES = new Set(['index.ts', 'cli.ts', 'connector-classes.ts', 'kafkajs-lz4.ts'].map((f) => `harness/engine/${f}`));
const isTest = (f: string) => /\.test(-helper)?\.ts$/.test(f);
const under = (dir: string) => (f: string) => f.startsWith(`${dir}/`);
const show = (list: { from: string; target: string }[]) => list.map((e) => `${e.from} -> ${e.target}`);

describe('architecture', () => {
  it('reads a real import graph', () => {
    // guards the checks below against a parser that finds nothing
    expect(sources.length).toBeGreaterThan(200);
    expect(edges.filter((e) => e.target === 'harness/engine/index.ts').length).toBeGreaterThan(2);
  });

  it('the engine imports no kit, runtime, labs or conformance code', () => {
    const bad = edges.filter((e) => under('harness/engine')(e.from) && /^(harness\/(kit|runtime|conformance)|labs|scripts|src)\//.test(e.target))
      .filter((e) => !(isTest(e.from) && under('harness/runtime')(e.target)));
    expect(show(bad)).toEqual([]);
  });

  it('the runtime imports neither the engine nor the labs', () => {
    const bad = edges.filter((e) => under('harness/runtime')(e.from) && /^(harness\/(engine|kit|conformance)|labs)\//.test(e.target));
    expect(show(bad)).toEqual([]);
  });

  it('nothing outside the engine imports below its public entries', () => {
    const bad = edges.filter((e) => !under('harness/engine')(e.from) && under('harness/engine')(e.target) && !ENGINE_ENTRIES.has(e.target));
    expect(show(bad)).toEqual([]);
  });

  it('has no import circles', () => {
    const local = new Map([...graph].map(([f, list]) => [f, list.map((i) => i.target).filter((t) => graph.has(t))]));
    expect(findCycles(local).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('relative imports name the .ts file', () => {
    const bad = edges.filter((e) => !/\.(ts|tsx|json|css|mdx?)$/.test(e.target));
    expect(show(bad)).toEqual([]);
  });
});
