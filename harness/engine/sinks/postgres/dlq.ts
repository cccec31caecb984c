// Kafka Connect's error reporting for sink tasks (org.apache.kafka.connect.runtime.errors):
// Stage names, DeadLetterQueueReporter's __connect.errors.* headers and LogReporter's message.
// Which failures are reported: those in the converter and transformation stages, run under
// RetryWithToleranceOperator. An exception thrown by the task's put() is not (the Debezium JDBC
// sink 3.2.0 has no ErrantRecordReporter): it fails the task whatever errors.tolerance says.
import type { ConsumedRecord } from './record.ts';
import { JavaError } from './record.ts';

export type Stage =
  | 'KEY_CONVERTER' | 'VALUE_CONVERTER' | 'HEADER_CONVERTER' | 'TRANSFORMATION'
  | 'TASK_PUT' | 'TASK_POLL' | 'KAFKA_PRODUCE' | 'KAFKA_CONSUME';

export { JDBC_SINK_TASK_CLASS, JSON_CONVERTER_CLASS } from '../../connector-classes.ts';

export const HEADER_PREFIX = '__connect.errors.';
export const ERROR_HEADERS = {
  topic: `${HEADER_PREFIX}topic`,
  partition: `${HEADER_PREFIX}partition`,
  offset: `${HEADER_PREFIX}offset`,
  connectorName: `${HEADER_PREFIX}connector.name`,
  taskId: `${HEADER_PREFIX}task.id`,
  stage: `${HEADER_PREFIX}stage`,
  className: `${HEADER_PREFIX}class.name`,
  exceptionClassName: `${HEADER_PREFIX}exception.class.name`,
  exceptionMessage: `${HEADER_PREFIX}exception.message`,
  exceptionStacktrace: `${HEADER_PREFIX}exception.stacktrace`,
} as const;

export function javaClassOf(e: unknown): string {
  if (e instanceof JavaError) return e.javaClass;
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return 'org.postgresql.util.PSQLException';
  return 'java.lang.RuntimeException';
}

function messageOf(e: unknown): string {
  if (e instanceof JavaError) return e.message;
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    const detail = (e as { detail?: string }).detail;
    return `ERROR: ${(e as Error).message}${detail ? `\n  Detail: ${detail}` : ''}`;
  }
  return e instanceof Error ? e.message : String(e);
}

/** A Java-style stack trace (Throwable#printStackTrace): class: message, frames, Caused by: … */
export function stackTrace(e: unknown): string {
  const lines: string[] = [];
  let cur: unknown = e;
  let first = true;
  const seen = new Set<unknown>();
  while (cur !== undefined && cur !== null && !seen.has(cur)) {
    seen.add(cur);
    const msg = messageOf(cur);
    lines.push(`${first ? '' : 'Caused by: '}${javaClassOf(cur)}${msg ? `: ${msg}` : ''}`);
    const frames = cur instanceof Error && cur.stack ? cur.stack.split('\n').filter((l) => /^\s+at /.test(l)) : [];
    for (const f of frames.slice(0, 12)) lines.push(`\t${f.trim()}`);
    first = false;
    cur = cur instanceof Error ? cur.cause : undefined;
  }
  return lines.join('\n') + '\n';
}

export interface ErrorContext {
  record: ConsumedRecord;
  stage: Stage;
  executingClass: string;
  error: unknown;
}

/** DeadLetterQueueReporter#populateContextHeaders: values are UTF-8 strings. */
export function contextHeaders(ctx: ErrorContext, connectorName: string, taskId: number): Record<string, string> {
  const h: Record<string, string> = {
    [ERROR_HEADERS.topic]: ctx.record.topic,
    [ERROR_HEADERS.partition]: String(ctx.record.partition),
    [ERROR_HEADERS.offset]: ctx.record.offset,
    [ERROR_HEADERS.connectorName]: connectorName,
    [ERROR_HEADERS.taskId]: String(taskId),
    [ERROR_HEADERS.stage]: ctx.stage,
    [ERROR_HEADERS.className]: ctx.executingClass,
  };
  if (ctx.error !== undefined && ctx.error !== null) {
    h[ERROR_HEADERS.exceptionClassName] = javaClassOf(ctx.error);
    const msg = messageOf(ctx.error);
    if (msg) h[ERROR_HEADERS.exceptionMessage] = msg;
    h[ERROR_HEADERS.exceptionStacktrace] = stackTrace(ctx.error);
  }
  return h;
}

/** LogReporter#message */
export function logMessage(ctx: ErrorContext, taskLabel: string, includeMessages: boolean): string {
  const r = ctx.record;
  const rec = includeMessages
    ? `ConsumedRecord{kafkaOffset=${r.offset}, timestampType=CreateTime} ConnectRecord{topic='${r.topic}', kafkaPartition=${r.partition}, key=${r.rawKey?.toString('utf8') ?? 'null'}, value=${r.rawValue?.toString('utf8') ?? 'null'}, timestamp=${r.timestamp}}`
    : `{topic='${r.topic}', partition=${r.partition}, offset=${r.offset}, timestamp=${r.timestamp}, timestampType=CreateTime}`;
  return `Error encountered in task ${taskLabel}. Executing stage '${ctx.stage}' with class '${ctx.executingClass}', where consumed record is ${rec}.`;
}
