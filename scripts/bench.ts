// `npm run bench -- <name> [options]`: benchmarks, each in scripts/bench/<name>.ts with run(argv).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = fs
  .readdirSync(path.join(here, 'bench'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => !['machine', 'process-memory', 'latency', 'engine-stages'].includes(name));
const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}> [options]${name ? `\nunknown benchmark "${name}"` : ''}`);
  process.exit(2);
}
const bench = (await import(path.join(here, 'bench', `${name}.ts`))) as { run(argv: string[]): Promise<void> };
await bench.run(rest);
process.exit(0);
