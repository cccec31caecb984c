// Step-by-step progress for `npm run lab`: elapsed time, the events and rows each step produced
// (the Debezium envelope, compactly), ✓/✗ per claim, and on failure a hint plus server log tails.
import { compactEvent } from '../debezium-event.ts';
import type { Reporter } from '../reporter.ts';

export interface TerminalReporterOptions {
  write?: (text: string) => void;
  color?: boolean;
  /** At most this many events and rows printed per step. */
  maxLines?: number;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

export function terminalReporter(opts: TerminalReporterOptions = {}): Reporter {
  const write = opts.write ?? ((t: string) => process.stdout.write(t));
  const useColor = opts.color ?? process.stdout.isTTY === true;
  const maxLines = opts.maxLines ?? 20;
  const paint = (code: number, t: string): string => (useColor ? `\u001b[${code}m${t}\u001b[0m` : t);
  const green = (t: string): string => paint(32, t);
  const red = (t: string): string => paint(31, t);
  const dim = (t: string): string => paint(2, t);
  const bold = (t: string): string => paint(1, t);
  const line = (t: string): void => write(`${t}\n`);
  let started = Date.now();
  let total = 0;

  return {
    labStart(lab, engine, kafka) {
      started = Date.now();
      total = lab.steps.length;
      line(bold(`▶ ${lab.id}: ${lab.title}`) + dim(`  (engine ${engine}, Kafka ${kafka}, ~${lab.minutes} min)`));
    },
    stepStart(index, step) {
      line('');
      line(bold(`[${index + 1}/${total}] ${step.title}`) + dim(`  at ${seconds(Date.now() - started)}`));
    },
    stepEnd(_index, _step, events, record, elapsedMs) {
      const lines: string[] = [];
      for (const e of events) lines.push(`event ${compactEvent(e)}`);
      for (const q of record.rows) {
        for (const r of q.rows) lines.push(`row   ${JSON.stringify(r)}`);
      }
      for (const [k, v] of Object.entries(record.output)) lines.push(`${k.padEnd(5)} ${JSON.stringify(v)}`);
      if (record.error !== undefined) lines.push(`error ${record.error}`);
      for (const l of lines.slice(0, maxLines)) line(dim('  │ ') + l);
      if (lines.length > maxLines) line(dim(`  │ … ${lines.length - maxLines} more`));
      line(dim(`  └ ${seconds(elapsedMs)}`));
    },
    claim(result) {
      if (result.passed) line(`  ${green('✓')} ${result.text}`);
      else if (result.skipped === true) line(dim(`  – ${result.text} (${result.error?.message ?? 'not checked'})`));
      else line(`  ${red('✗')} ${result.text}\n${red(indent(result.error?.message ?? 'failed', '      '))}`);
    },
    failure(report) {
      line(red(`  ! ${report.step}: ${report.error.message.split('\n')[0]}`));
      line(`  hint: ${report.hint}`);
      for (const l of report.logs) {
        if (l.tail.trim() === '') continue;
        line(dim(`  ── last lines of the ${l.service} log ──`));
        line(dim(indent(l.tail.trimEnd(), '  ')));
      }
    },
    labEnd(passed, elapsedMs) {
      line('');
      line(passed ? green(`✓ all claims verified in ${seconds(elapsedMs)}`) : red(`✗ the lab failed after ${seconds(elapsedMs)}`));
    },
  };
}
