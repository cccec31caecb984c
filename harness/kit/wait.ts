// Polling helpers: readiness is polled, never a fixed sleep.

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class WaitTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`timed out after ${ms} ms waiting for ${what}`);
    this.name = 'WaitTimeoutError';
  }
}

/** Polls `condition` every `intervalMs` until it is true or `timeoutMs` runs out. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  intervalMs = 100,
): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (await condition()) return;
    if (Date.now() - start >= timeoutMs) throw new WaitTimeoutError(what, Math.max(0, Math.round(timeoutMs)));
    await sleep(intervalMs);
  }
}
