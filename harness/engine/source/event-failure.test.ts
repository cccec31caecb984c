import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors.ts';
import type { ChangeBuilder } from '../events/builder-port.ts';
import type { SourcePosition, TableMeta } from '../events/contract.ts';
import type { LogLevel } from '../logger.ts';
import { ConfigErrors, parseConnectorConfig } from './config.ts';
import { eventFailureMessage, withEventFailureHandling } from './event-failure.ts';

const table: TableMeta = { schema: 'public', table: 'orders', columns: [], primaryKey: ['id'], replicaIdentity: 'default' };
const pos: SourcePosition = { snapshot: 'false', tsUs: 1_700_000_000_000_000n, txId: 771, lsn: 0x16b3f40n, sequence: '[null,"23805760"]', xmin: null };
const failing: ChangeBuilder = {
  change: (_op, _t, _b, after) => {
    if (after?.id === 'bad') throw new Error('column n: got the special value NaN');
    return [{ topic: 't', key: null, value: Buffer.from(String(after?.id)), headers: {} }];
  },
  truncate: () => {
    throw new Error('truncate broke');
  },
  begin: () => [],
  commit: () => [],
  heartbeat: () => null,
};
const base = { name: 'c', 'connector.class': 'io.debezium.connector.postgresql.PostgresConnector', 'database.hostname': 'h', 'database.user': 'u', 'database.dbname': 'd', 'topic.prefix': 'p' };

describe('event.processing.failure.handling.mode (EventDispatcher#handleEventProcessingFailure)', () => {
  it('parses fail (default), warn, skip and the deprecated ignore, case-insensitively; another value is an error naming the key', () => {
    expect(parseConnectorConfig(base).eventProcessingFailureHandlingMode).toBe('fail');
    expect(parseConnectorConfig({ ...base, 'event.processing.failure.handling.mode': 'WARN' }).eventProcessingFailureHandlingMode).toBe('warn');
    expect(parseConnectorConfig({ ...base, 'event.processing.failure.handling.mode': 'skip' }).eventProcessingFailureHandlingMode).toBe('skip');
    expect(parseConnectorConfig({ ...base, 'event.processing.failure.handling.mode': 'ignore' }).eventProcessingFailureHandlingMode).toBe('ignore');
    let err: unknown;
    try {
      parseConnectorConfig({ ...base, 'event.processing.failure.handling.mode': 'retry' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigErrors);
    expect((err as ConfigErrors).errors.map((e) => e.key)).toEqual(['event.processing.failure.handling.mode']);
  });

  it('names the offset, the table, the LSN and the error', () => {
    expect(eventFailureMessage(table, pos, new Error('boom'))).toBe(
      'Error while processing event at offset {lsn=23805760, txId=771, ts_usec=1700000000000000} (table public.orders, LSN 0/16B3F40): boom',
    );
  });

  it('fail: throws an EngineError carrying the cause; good events pass through untouched', () => {
    const b = withEventFailureHandling(failing, 'fail', () => undefined);
    expect(b.change('c', table, null, { id: '1' }, pos)).toHaveLength(1);
    let err: unknown;
    try {
      b.change('c', table, null, { id: 'bad' }, pos);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe('EVENT_PROCESSING_FAILED');
    expect((err as EngineError).retriable).toBe(false);
    expect((err as Error).message).toContain('table public.orders, LSN 0/16B3F40): column n: got the special value NaN');
    expect(() => b.truncate(table, pos)).toThrow(/truncate broke/);
  });

  it('warn logs at WARN and drops the event; skip and ignore log at DEBUG', () => {
    for (const [mode, level] of [['warn', 'warn'], ['skip', 'debug'], ['ignore', 'debug']] as const) {
      const lines: [LogLevel, string][] = [];
      const b = withEventFailureHandling(failing, mode, (l, m) => lines.push([l, m]));
      expect(b.change('c', table, null, { id: 'bad' }, pos)).toEqual([]);
      expect(b.truncate(table, pos)).toEqual([]);
      expect(b.change('c', table, null, { id: '2' }, pos)).toHaveLength(1);
      expect(lines.map(([l]) => l)).toEqual([level, level]);
      expect(lines[0]![1]).toContain('table public.orders, LSN 0/16B3F40): column n: got the special value NaN');
    }
  });
});
