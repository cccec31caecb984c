import { describe, expect, it } from 'vitest';
import { sinkConnectorStatus } from './sink-status.ts';

describe('sink connector status', () => {
  it('a running sink: connector and task RUNNING, type sink, no trace', () => {
    expect(sinkConnectorStatus('s', 'w:1', 'RUNNING')).toEqual({
      name: 's', connector: { state: 'RUNNING', worker_id: 'w:1' }, tasks: [{ id: 0, state: 'RUNNING', worker_id: 'w:1' }], type: 'sink',
    });
  });

  it("a failed task leaves the connector RUNNING and carries the trace (a Java trace as given, an Error's stack)", () => {
    const s = sinkConnectorStatus('s', 'w', 'FAILED', 'org.apache.kafka.connect.errors.ConnectException: boom\n\tat X');
    expect(s.connector.state).toBe('RUNNING');
    expect(s.tasks[0]).toMatchObject({ state: 'FAILED', trace: 'org.apache.kafka.connect.errors.ConnectException: boom\n\tat X' });
    expect(sinkConnectorStatus('s', 'w', 'FAILED', new Error('bad')).tasks[0].trace).toMatch(/^Error: bad\n/);
  });

  it('paused and stopped tasks show in both places', () => {
    expect(sinkConnectorStatus('s', 'w', 'PAUSED').connector.state).toBe('PAUSED');
    expect(sinkConnectorStatus('s', 'w', 'UNASSIGNED', 'ignored').tasks[0].trace).toBeUndefined();
  });
});
