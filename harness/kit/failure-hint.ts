// Turns an error into a hint and the server logs worth showing.
import type { ServiceName } from '../runtime/types.ts';
import { WaitTimeoutError } from './wait.ts';

export interface HintedFailure {
  hint: string;
  services: Array<ServiceName | 'engine'>;
}

function isPostgresError(err: Error): boolean {
  const e = err as Error & { severity?: unknown; code?: unknown };
  return typeof e.severity === 'string' && typeof e.code === 'string';
}

export function hintFor(err: Error, stepHint: string | undefined): HintedFailure {
  if (isPostgresError(err)) {
    return { hint: stepHint ?? 'PostgreSQL refused a statement: see the error and the server log below.', services: ['postgres'] };
  }
  if (err.name === 'ConnectorFailedError') {
    return { hint: stepHint ?? 'The connector stopped with an error: its log below says why.', services: ['engine', 'kafka'] };
  }
  if (err instanceof WaitTimeoutError && /topic|events/.test(err.message)) {
    return {
      hint: stepHint ?? 'The expected change events did not arrive: is the connector running (engine log below), and did the SQL change the captured table?',
      services: ['engine', 'kafka'],
    };
  }
  if (err.name.startsWith('KafkaJS')) {
    return { hint: stepHint ?? 'Kafka returned an error: see the broker log below.', services: ['kafka'] };
  }
  if (err.name === 'AssertionError' || 'expected' in err) {
    return { hint: stepHint ?? 'The run did not behave as the page says: compare the events above with the claim.', services: ['engine'] };
  }
  return { hint: stepHint ?? 'The step failed: see the error and the logs below.', services: ['engine', 'postgres'] };
}
