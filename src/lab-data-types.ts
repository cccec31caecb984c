// The plain data the lab-data plugin hands to the browser. Types only: safe to import anywhere.

export interface ShownCode {
  language: 'sql' | 'json' | 'bash';
  /** file name under labs/<id>/, when the step shows a file */
  file?: string;
  code: string;
  /** for a curl with a body: the file it posts; for a command, the file it reads */
  body?: {
    file: string;
    code: string;
    /** the lines that differ from the body posted before it, when it mostly repeats that one */
    changes?: { against: string; lines: string[] };
    /** the step number that posted this same file before */
    repeats?: number;
  };
}

export interface PageClaim {
  text: string;
  /** true: the recorded run verified it; false: the recorded run failed it; null: not recorded yet */
  verified: boolean | null;
  error?: string;
  /** where the spec checks it: a file of the lab's folder and its lines */
  source?: { file: string; start: number; end: number };
}

export interface PageStep {
  title: string;
  /** the heading's id on the page, from the title (see src/lab-page/sections.ts) */
  anchor: string;
  prose: string;
  shown?: ShownCode;
  expectError: boolean;
  claims: PageClaim[];
  /** from transcript.json, masked; absent when the lab has not been recorded */
  recorded?: {
    events: Array<{ topic: string; key: unknown; value: unknown; headers?: Record<string, string> }>;
    rows: Array<{ query: string; rows: unknown[] }>;
    output: Record<string, unknown>;
    error?: string;
  };
}

export interface PageLab {
  id: string;
  title: string;
  summary: string;
  minutes: number;
  kafka: string[];
  engines: string[];
  services: string[];
  recordedWith?: { engine: string; kafka: string; runtime: string };
  /** Mermaid flowchart of the pipeline the lab builds */
  diagram: string;
  steps: PageStep[];
}

export interface LabData {
  labs: Record<string, PageLab>;
  versions: Array<{ component: string; version: string; usedBy: string }>;
}
