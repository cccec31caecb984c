// The SQLSTATE codes the engine acts on, by the names PostgreSQL gives them
// (https://www.postgresql.org/docs/17/errcodes-appendix.html).

export const SQLSTATE = {
  /** class 08: connection exception (any code starting with 08) */
  CONNECTION_EXCEPTION_CLASS: '08',
  INVALID_AUTHORIZATION_SPECIFICATION: '28000',
  INSUFFICIENT_PRIVILEGE: '42501',
  OBJECT_IN_USE: '55006',
  ADMIN_SHUTDOWN: '57P01',
  CRASH_SHUTDOWN: '57P02',
  CANNOT_CONNECT_NOW: '57P03',
} as const;

/**
 * A lost or refused connection, or a server going down: worth a restart, as Debezium's
 * PostgresErrorHandler decides (class 08 and 57P01-57P03).
 */
export function isConnectionLoss(sqlstate: string): boolean {
  return (
    sqlstate.startsWith(SQLSTATE.CONNECTION_EXCEPTION_CLASS) ||
    sqlstate === SQLSTATE.ADMIN_SHUTDOWN ||
    sqlstate === SQLSTATE.CRASH_SHUTDOWN ||
    sqlstate === SQLSTATE.CANNOT_CONNECT_NOW
  );
}
