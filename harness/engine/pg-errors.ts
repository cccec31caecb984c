// Turns Postgres errors into messages that say what to do. The original Postgres message is kept
// verbatim at the start (users search for it); the fix follows.

export class EngineSetupError extends Error {
  readonly pgCode?: string;
  constructor(
    message: string,
    pgCode?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
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

/**
 * Errors worth a restart, as Debezium's PostgresErrorHandler sees them: lost or refused connections
 * and server shutdowns (SQLSTATE class 08, 57P01-57P03), also when wrapped as a cause.
 */
export function isRetriable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = pgCode(e);
    if (code && (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03')) return true;
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE') return true;
    if (/Connection terminated|the replication stream ended unexpectedly|terminating connection/i.test(pgMessage(e))) return true;
  }
  return false;
}
