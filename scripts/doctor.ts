// `npm run doctor`: what this machine can run (native runtime, containers, the site test) and what
// to install. Exits 1 only when no runtime can run.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { doctorReport } from './doctor-checks.ts';
import { gatherFacts } from './doctor-facts.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { lines, exitCode } = doctorReport(await gatherFacts(process.env, repo));
console.log(lines.join('\n'));
process.exitCode = exitCode;
