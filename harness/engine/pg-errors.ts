// Turns Postgres errors into messages that say what to do. The original Postgres message is kept
// verbatim at the start (users search for it); the fix follows.

export class EngineSetupError extends Error {
  constructor(
    message: string,
    readonly pgCode?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EngineSetupError';
  }
}

export function pgCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

export function pgMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
