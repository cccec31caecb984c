import { describe, expect, it } from 'vitest';
import { patchKafkajsRequestQueue, scheduleCheckPendingRequests, type RequestQueueState } from './kafkajs-timeout-fix.ts';

function queue(pending: unknown[], throttledUntil: number): RequestQueueState & { checks: number } {
  const q = { throttledUntil, pending, throttleCheckTimeoutId: null as NodeJS.Timeout | null, checks: 0, checkPendingRequests: () => void q.checks++ };
  return q;
}

describe('kafkajs RequestQueue timer', () => {
  it('arms no timer when nothing is pending and nothing is throttled (kafkajs armed one at minus the epoch)', () => {
    const q = queue([], -1);
    scheduleCheckPendingRequests.call(q);
    expect(q.throttleCheckTimeoutId).toBeNull();
  });

  it('still checks pending requests after the interval, and waits out a throttle', async () => {
    const q = queue([{}], -1);
    scheduleCheckPendingRequests.call(q);
    expect(q.throttleCheckTimeoutId).not.toBeNull();
    await new Promise((r) => setTimeout(r, 30));
    expect(q.checks).toBe(1);
    const t = queue([], Date.now() + 20);
    scheduleCheckPendingRequests.call(t);
    expect(t.throttleCheckTimeoutId).not.toBeNull();
    await new Promise((r) => setTimeout(r, 40));
    expect(t.checks).toBe(1);
  });

  it('patches the installed kafkajs', async () => {
    patchKafkajsRequestQueue();
    const { createRequire } = await import('node:module');
    const RequestQueue = createRequire(import.meta.url)('kafkajs/src/network/requestQueue/index.js') as { prototype: Record<string, unknown> };
    expect(RequestQueue.prototype.scheduleCheckPendingRequests).toBe(scheduleCheckPendingRequests);
  });
});
