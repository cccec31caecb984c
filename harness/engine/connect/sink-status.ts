// The status body of a sink connector (GET /connectors/{name}/status), shared by the native sinks
// (Postgres, S3) so they answer exactly as Kafka Connect does: one task, type "sink", the failed
// task's trace, and the connector itself staying RUNNING when its task fails
// (AbstractHerder#connectorStatus reports connector and task states separately).
import type { ConnectorState, SinkConnectorStatus } from './connector-status.ts';

export type SinkState = ConnectorState;
export type { SinkConnectorStatus };

/**
 * `task` is the sink task's state; `failure` its trace when FAILED (a Java-style stack trace or an
 * Error, whose stack is used). A stopped task reads UNASSIGNED, as Connect shows a connector whose
 * task is not running on any worker.
 */
export function sinkConnectorStatus(name: string, workerId: string, task: SinkState, failure?: string | Error | null): SinkConnectorStatus {
  const t: SinkConnectorStatus['tasks'][number] = { id: 0, state: task, worker_id: workerId };
  if (task === 'FAILED' && failure) t.trace = typeof failure === 'string' ? failure : (failure.stack ?? String(failure));
  const connector: SinkState = task === 'FAILED' ? 'RUNNING' : task;
  return { name, connector: { state: connector, worker_id: workerId }, tasks: [t], type: 'sink' };
}
