// The recorded run of a lab: per step the events, rows and outputs it produced and its claims'
// results, volatile values masked. Written by `--record`, compared by the tests, shown by the docs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lineDiff } from './diff.ts';
import { Masker } from './mask.ts';

export interface TranscriptEvent {
  topic: string;
  key: unknown;
  /** Debezium payload, or null for a tombstone */
  value: unknown;
  /** Kafka headers, only when the record has any */
  headers?: Record<string, string>;
}

export interface TranscriptClaim {
  text: string;
  passed: boolean;
  error?: string;
}

export interface TranscriptStep {
  title: string;
  events: TranscriptEvent[];
  /** Queries the step ran and the rows they returned */
  rows: Array<{ query: string; rows: unknown[] }>;
  output: Record<string, unknown>;
  error?: string;
  claims: TranscriptClaim[];
}

export interface Transcript {
  lab: string;
  recordedWith: { engine: string; kafka: string; runtime: string };
  steps: TranscriptStep[];
}

export const TRANSCRIPT_FILE = 'transcript.json';

/** Masks a raw transcript (one id numbering across the whole run). */
export function maskTranscript(raw: Transcript): Transcript {
  const masker = new Masker();
  return { ...raw, steps: raw.steps.map((s) => masker.mask(s) as TranscriptStep) };
}

export function serializeTranscript(t: Transcript): string {
  return `${JSON.stringify(t, null, 2)}\n`;
}

export function transcriptPath(labDir: string): string {
  return path.join(labDir, TRANSCRIPT_FILE);
}

export function readTranscript(labDir: string): Transcript | undefined {
  const file = transcriptPath(labDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Transcript) : undefined;
}

export function writeTranscript(labDir: string, t: Transcript): void {
  writeFileSync(transcriptPath(labDir), serializeTranscript(t));
}

/**
 * A step output of this name holds measured figures (timings, the machine they were measured on):
 * recorded and shown as measured, never compared.
 */
export const MEASURED_OUTPUT = 'measured';

function withoutMeasured(steps: TranscriptStep[]): TranscriptStep[] {
  return steps.map((s) => (MEASURED_OUTPUT in s.output ? { ...s, output: { ...s.output, [MEASURED_OUTPUT]: '<measured>' } } : s));
}

/**
 * '' when the fresh run matches the recorded one; otherwise a readable diff ('-' recorded,
 * '+' fresh). Only the steps are compared: which engine or Kafka mode recorded it does not matter,
 * nor what a step recorded as `measured`.
 */
export function compareTranscripts(recorded: Transcript, fresh: Transcript): string {
  return lineDiff(JSON.stringify(withoutMeasured(recorded.steps), null, 2), JSON.stringify(withoutMeasured(fresh.steps), null, 2));
}
