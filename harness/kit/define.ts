// The lab API: defineLab, step, claim and the `show` helpers. Pure code, no I/O, so specs load
// anywhere (runner, vitest, the docs plugin).
import type { Check, Claim, LabSpec, Show, StepSpec } from './types.ts';

export class LabDefinitionError extends Error {
  constructor(labId: string, stepTitle: string | undefined, message: string) {
    super(`lab "${labId}"${stepTitle === undefined ? '' : `, step "${stepTitle}"`}: ${message}`);
    this.name = 'LabDefinitionError';
  }
}

const ID_PATTERN = /^[a-z][a-z0-9-]*$/;

export function sql(file: string): Show {
  return { kind: 'sql', file };
}

export function json(file: string): Show {
  return { kind: 'json', file };
}

/** A request to the Kafka Connect REST API, e.g. curl('GET', '/connectors/inventory/status'). */
export function curl(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, file?: string): Show {
  return { kind: 'curl', method, path, file };
}

/** A command the reader types; `file`, a file of the lab's folder it reads, is shown under it. */
export function shell(command: string, file?: string): Show {
  return file === undefined ? { kind: 'shell', command } : { kind: 'shell', command, file };
}

export function claim(text: string, check?: Check): Claim {
  // A missing check is reported by defineLab, which knows the lab and step names.
  return { text, check: check as Check };
}

export function step(spec: StepSpec): StepSpec {
  return spec;
}

/** Validates a lab spec eagerly, so a bad spec fails when it is loaded, naming lab and step. */
export function defineLab(spec: LabSpec): LabSpec {
  const id = typeof spec.id === 'string' ? spec.id : '(no id)';
  if (!ID_PATTERN.test(id)) throw new LabDefinitionError(id, undefined, 'id must be kebab-case');
  for (const key of ['title', 'summary'] as const) {
    if (typeof spec[key] !== 'string' || spec[key].trim() === '') {
      throw new LabDefinitionError(id, undefined, `${key} is required`);
    }
  }
  if (!(spec.minutes > 0)) throw new LabDefinitionError(id, undefined, 'minutes must be positive');
  if (spec.needs.kafka.length === 0) throw new LabDefinitionError(id, undefined, 'needs.kafka is empty');
  if (spec.needs.engines.length === 0) throw new LabDefinitionError(id, undefined, 'needs.engines is empty');
  if (spec.steps.length === 0) throw new LabDefinitionError(id, undefined, 'a lab needs at least one step');
  const titles = new Set<string>();
  for (const s of spec.steps) {
    if (typeof s.title !== 'string' || s.title.trim() === '') {
      throw new LabDefinitionError(id, undefined, 'a step has no title');
    }
    if (titles.has(s.title)) throw new LabDefinitionError(id, s.title, 'step titles must be unique');
    titles.add(s.title);
    const texts = new Set<string>();
    for (const c of s.claims ?? []) {
      if (typeof c.check !== 'function') {
        throw new LabDefinitionError(id, s.title, `claim "${c.text}" has no assertion`);
      }
      if (texts.has(c.text)) throw new LabDefinitionError(id, s.title, `claim "${c.text}" appears twice`);
      texts.add(c.text);
    }
    if (s.show === undefined && s.run === undefined) {
      throw new LabDefinitionError(id, s.title, 'a step needs `show` or `run`');
    }
  }
  return spec;
}

/** Every file name the lab's steps show. */
export function shownFiles(spec: LabSpec): Array<{ step: string; file: string }> {
  const out: Array<{ step: string; file: string }> = [];
  for (const s of spec.steps) {
    const file = s.show && 'file' in s.show ? s.show.file : undefined;
    if (file !== undefined) out.push({ step: s.title, file });
  }
  return out;
}
