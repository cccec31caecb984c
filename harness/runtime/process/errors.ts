import { formatTail } from './log-tail.ts';

/** A server failed to start or stopped answering: names it, shows its log tail, gives a hint. */
export class ServiceError extends Error {
  readonly service: string;
  readonly reason: string;
  readonly logFile?: string;
  readonly logTail: string;
  readonly hint?: string;
  constructor(
    service: string,
    reason: string,
    logFile?: string,
    logTail = '',
    hint?: string,
  ) {
    const parts = [`${service}: ${reason}`];
    if (logFile) parts.push(formatTail(service, logFile, logTail));
    if (hint) parts.push(`hint: ${hint}`);
    super(parts.join('\n'));
    this.service = service;
    this.reason = reason;
    this.logFile = logFile;
    this.logTail = logTail;
    this.hint = hint;
    this.name = 'ServiceError';
  }
}

/** A setting has a value outside its allowed set: names the setting and the allowed values. */
export class OptionError extends Error {
  readonly option: string;
  readonly value: unknown;
  readonly allowed: readonly string[];
  constructor(
    option: string,
    value: unknown,
    allowed: readonly string[],
  ) {
    super(`unknown ${option} "${String(value)}"; allowed: ${allowed.join(', ')}`);
    this.option = option;
    this.value = value;
    this.allowed = allowed;
    this.name = 'OptionError';
  }
}

/** Binding failures look alike in Java and PostgreSQL logs; a retry on new ports fixes them. */
export function looksLikePortClash(log: string): boolean {
  return /Address already in use|BindException|could not bind|Failed to bind/i.test(log);
}
