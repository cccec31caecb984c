// The status body Kafka Connect returns from GET /connectors/{name}/status, so tools written for
// Connect read the native engine the same way. A failed task leaves the connector RUNNING, as in
// Connect (AbstractHerder#connectorStatus).

// AbstractStatus.State in Kafka Connect (DESTROYED and STOPPED never show here)
export type ConnectorState = 'RUNNING' | 'PAUSED' | 'FAILED' | 'UNASSIGNED' | 'RESTARTING';

/** One type for both kinds, as Connect's REST API has one (ConnectorStateInfo). */
export interface ConnectorStatus<Kind extends 'source' | 'sink' = 'source' | 'sink'> {
  name: string;
  // Connect always names the worker; a lab's stand-in for a stopped connector may not know it
  connector: { state: ConnectorState; worker_id?: string; trace?: string };
  tasks: Array<{ id: number; state: ConnectorState; worker_id?: string; trace?: string }>;
  type: Kind;
}
export type SourceConnectorStatus = ConnectorStatus<'source'>;
export type SinkConnectorStatus = ConnectorStatus<'sink'>;

export function connectorStatus(
  name: string,
  workerId: string,
  connector: ConnectorState,
  task: ConnectorState,
  failure: Error | null,
): SourceConnectorStatus {
  const t: ConnectorStatus['tasks'][number] = { id: 0, state: task, worker_id: workerId };
  if (task === 'FAILED' && failure) t.trace = failure.stack ?? String(failure);
  return { name, connector: { state: connector, worker_id: workerId }, tasks: [t], type: 'source' };
}
