import { describe, expect, it } from 'vitest';
import { renderMetrics, type ConnectorSample, readSample } from './prometheus-metrics.ts';

const running: ConnectorSample = {
  name: 'inv',
  status: { connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'RUNNING' }] },
  metrics: {
    'snapshot.rows': 4,
    'snapshot.tables': 1,
    'snapshot.completed': 1,
    'stream.receivedLsn': 0x1_0000_0200,
    'offsets.confirmedLsn': 0x1_0000_0100,
    'stream.millisBehindSource': 12,
    'stream.lastCommitTimeMs': 1_700_000_000_000,
    'kafka.buffered': 3,
    'kafka.recordsSent': 9,
    'stream.transactions': 2,
    'heartbeat.beats': 5,
    'task.restarts': 0,
    'task.errors': 0,
    'events.r.inventory.products': 4,
    'events.c.inventory.products': 2,
    'events.d.inventory.products': 1,
  },
  source: {
    currentLsn: 0x1_0000_0400n,
    slot: { confirmedFlushLsn: 0x1_0000_0000n, restartLsn: 0x0_ffff_ff00n, active: true, walStatus: 'reserved' },
  },
};

function sample(text: string, line: string): number | undefined {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe('renderMetrics', () => {
  it('writes the Prometheus text format with HELP and TYPE lines', async () => {
    const text = await renderMetrics([running]);
    expect(text).toContain('# HELP cdc_events_total ');
    expect(text).toContain('# TYPE cdc_events_total counter');
    expect(text).toContain('# TYPE cdc_lag_bytes gauge');
    for (const line of text.trim().split('\n').filter((l) => l !== '')) expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? -?[\d.e+]+)$/);
  });

  it('counts events per table and op', async () => {
    const text = await renderMetrics([running]);
    expect(sample(text, 'cdc_events_total{connector="inv",op="r",table="inventory.products"}')).toBe(4);
    expect(sample(text, 'cdc_events_total{connector="inv",op="c",table="inventory.products"}')).toBe(2);
    expect(sample(text, 'cdc_events_total{connector="inv",op="d",table="inventory.products"}')).toBe(1);
  });

  it("takes the lag from the engine's confirmed LSN while it runs", async () => {
    const text = await renderMetrics([running]);
    expect(sample(text, 'cdc_lag_bytes{connector="inv"}')).toBe(0x300);
    expect(sample(text, 'cdc_slot_retained_wal_bytes{connector="inv"}')).toBe(0x500);
    expect(sample(text, 'cdc_last_received_lsn{connector="inv"}')).toBe(0x1_0000_0200);
    expect(sample(text, 'cdc_last_confirmed_lsn{connector="inv"}')).toBe(0x1_0000_0100);
    expect(sample(text, 'cdc_millis_behind_source{connector="inv"}')).toBe(12);
    expect(sample(text, 'cdc_queue_records{connector="inv"}')).toBe(3);
    expect(sample(text, 'cdc_snapshot_rows_total{connector="inv"}')).toBe(4);
    expect(sample(text, 'cdc_dlq_records_total{connector="inv"}')).toBe(0);
  });

  it('one state gauge per state: 1 for the current one', async () => {
    const text = await renderMetrics([running]);
    expect(sample(text, 'cdc_connector_state{connector="inv",state="RUNNING"}')).toBe(1);
    expect(sample(text, 'cdc_connector_state{connector="inv",state="PAUSED"}')).toBe(0);
    expect(sample(text, 'cdc_task_state{connector="inv",task="0",state="RUNNING"}')).toBe(1);
    expect(sample(text, 'cdc_engine_up{connector="inv"}')).toBe(1);
  });

  it('still answers for a paused connector, with the lag from the slot', async () => {
    const paused: ConnectorSample = {
      name: 'inv',
      status: { connector: { state: 'PAUSED' }, tasks: [{ id: 0, state: 'PAUSED' }] },
      source: { currentLsn: 0x2000n, slot: { confirmedFlushLsn: 0x1000n, restartLsn: 0x800n, active: false, walStatus: 'extended' } },
    };
    const text = await renderMetrics([paused]);
    expect(sample(text, 'cdc_connector_state{connector="inv",state="PAUSED"}')).toBe(1);
    expect(sample(text, 'cdc_engine_up{connector="inv"}')).toBe(0);
    expect(sample(text, 'cdc_lag_bytes{connector="inv"}')).toBe(0x1000);
    expect(sample(text, 'cdc_slot_active{connector="inv"}')).toBe(0);
    expect(sample(text, 'cdc_slot_wal_lost{connector="inv"}')).toBe(0);
    expect(sample(text, 'cdc_source_up{connector="inv"}')).toBe(1);
  });

  it('marks an unreachable source and a lost slot', async () => {
    const down = await renderMetrics([{ name: 'a', status: { connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'FAILED' }] } }]);
    expect(sample(down, 'cdc_source_up{connector="a"}')).toBe(0);
    expect(sample(down, 'cdc_task_state{connector="a",task="0",state="FAILED"}')).toBe(1);
    const lost = await renderMetrics([
      { name: 'a', status: { connector: { state: 'RUNNING' }, tasks: [] }, source: { currentLsn: 10n, slot: { confirmedFlushLsn: null, restartLsn: null, active: false, walStatus: 'lost' } } },
    ]);
    expect(sample(lost, 'cdc_slot_wal_lost{connector="a"}')).toBe(1);
  });

  it('keeps connectors apart', async () => {
    const text = await renderMetrics([running, { ...running, name: 'other', metrics: { ...running.metrics, 'events.c.inventory.products': 7 } }]);
    expect(sample(text, 'cdc_events_total{connector="inv",op="c",table="inventory.products"}')).toBe(2);
    expect(sample(text, 'cdc_events_total{connector="other",op="c",table="inventory.products"}')).toBe(7);
  });
});

describe('readSample', () => {
  const text = [
    '# HELP cdc_connector_state 1 for the state the connector is in',
    '# TYPE cdc_connector_state gauge',
    'cdc_connector_state{connector="c",state="RUNNING"} 1',
    'cdc_connector_state{connector="c",state="PAUSED"} 0',
    'cdc_engine_up 1',
    'cdc_engine_up_total 7',
  ].join('\n');
  it('finds a sample by name and labels, and nothing for a prefix of another name', () => {
    expect(readSample(text, 'cdc_connector_state', { state: 'PAUSED' })).toBe(0);
    expect(readSample(text, 'cdc_connector_state', { state: 'RUNNING' })).toBe(1);
    expect(readSample(text, 'cdc_engine_up')).toBe(1);
    expect(readSample(text, 'cdc_engine')).toBeUndefined();
    expect(readSample(text, 'cdc_connector_state', { state: 'FAILED' })).toBeUndefined();
  });
});
