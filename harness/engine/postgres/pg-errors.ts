// Errors from PostgreSQL, as the engine's typed errors. node-pg's errors carry the server's SQLSTATE
// in `code`; a socket failure carries Node's errno code; a connection node-pg saw end under a query
// carries neither, only its message: postgresError() is the one place that reads it, so everything
// after decides on EngineError's code and retriable flag.
import { EngineError } from '../errors.ts';
import { isConnectionLoss } from './sqlstate.ts';

/** A setup problem with the fix in its message; keeps the server's SQLSTATE when there is one. */
export class EngineSetupError extends EngineError {
  readonly pgCode?: string;
  constructor(message: string, pgCode?: string, options?: { cause?: unknown }) {
    super('POSTGRES_SETUP', message, { cause: options?.cause });
    this.pgCode = pgCode;
    this.name = 'EngineSetupError';
  }
}

export function pgCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

export function pgMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const SOCKET_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);
// node-pg 8's own messages for a connection that ended (lib/client.js); they have no code
const NODE_PG_ENDED = /^Connection terminated/;

/** An error from a PostgreSQL connection as an EngineError; EngineErrors pass through unchanged. */
export function postgresError(err: unknown): EngineError {
  if (err instanceof EngineError) return err;
  const code = pgCode(err);
  const message = pgMessage(err);
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
    return new EngineError(isConnectionLoss(code) ? 'POSTGRES_CONNECTION_LOST' : `POSTGRES_${code}`, message, { retriable: isConnectionLoss(code), cause: err });
  }
  if ((code !== undefined && SOCKET_ERRNOS.has(code)) || NODE_PG_ENDED.test(message)) {
    return new EngineError('POSTGRES_CONNECTION_LOST', message, { retriable: true, cause: err });
  }
  return new EngineError('POSTGRES_ERROR', message, { cause: err });
}

/** Whether an error (or one of its causes) is worth a restart: read from the typed error's flag. */
export function isRetriable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof EngineError ? e.retriable : postgresError(e).retriable) return true;
  }
  return false;
}
