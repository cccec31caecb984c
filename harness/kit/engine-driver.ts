// Picks what runs a lab's connectors: the native engine, or Debezium on the stack's Kafka Connect.
import type { StackInfo } from '../runtime/types.ts';
import { debeziumDriver } from './debezium-driver.ts';
import type { EngineDriver, EngineName } from './engine-handle.ts';
import { labUrl } from './lab-resources.ts';
import { nativeEngine } from './native-driver.ts';

export type { ConnectorStatus, EngineDriver, EngineHandle, EngineName, EngineStartOptions } from './engine-handle.ts';
export { nativeEngine };

/** Where a lab runs: the debezium driver needs the stack's Kafka Connect and the lab's database. */
export interface DriverContext {
  stack: StackInfo;
  database: string;
}

export function engineDriver(name: EngineName, context?: DriverContext): EngineDriver {
  if (name === 'native') return nativeEngine;
  const connect = context?.stack.connect;
  if (connect === undefined || context === undefined) {
    throw new Error('the debezium engine needs Kafka Connect: start the stack with the connect service');
  }
  return debeziumDriver({
    connectUrl: connect.url,
    postgresUrl: labUrl(context.stack, context.database),
    postgresHost: connect.postgresHost,
    postgresPort: connect.postgresPort,
    apicurioUrlForConnect: context.stack.registry?.apicurioUrlForConnect,
  });
}
