// The status body Kafka Connect returns from GET /connectors/{name}/status, so tools written for
// Connect read the native engine the same way. A failed task leaves the connector RUNNING, as in
// Connect (AbstractHerder#connectorStatus).

export type ConnectorState = 'RUNNING' | 'PAUSED' | 'FAILED' | 'UNASSIGNED';

export interface ConnectorStatus {
  name: string;
  connector: { state: ConnectorState; worker_id: string; trace?: string };
  tasks: Array<{ id: number; state: ConnectorState; worker_id: string; trace?: string }>;
  type: 'source';
}

export function connectorStatus(
  name: string,
  workerId: string,
  connector: ConnectorState,
  task: ConnectorState,
  failure: Error | null,
): ConnectorStatus {
  const t: ConnectorStatus['tasks'][number] = { id: 0, state: task, worker_id: workerId };
  if (task === 'FAILED' && failure) t.trace = failure.stack ?? String(failure);
  return { name, connector: { state: connector, worker_id: workerId }, tasks: [t], type: 'source' };
}
