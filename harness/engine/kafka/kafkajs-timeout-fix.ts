// kafkajs 2.2.4 (unmaintained since 2023) arms `setTimeout(check, throttledUntil - Date.now())` in
// RequestQueue#scheduleCheckPendingRequests even when nothing is pending; throttledUntil starts at -1,
// so the delay is about minus the epoch in ms. Node ≥ 24 prints a TimeoutNegativeWarning for it (and
// the 1 ms timer it falls back to re-arms itself after every response: kafkajs issues #1751, #1704).
// With nothing pending there is nothing to check: push() sends or queues-and-schedules by itself and
// every response runs checkPendingRequests, so the timer is skipped then, as proposed in kafkajs PR
// #1768's review. With requests pending the method behaves as before.
import { createRequire } from 'node:module';

/** kafkajs' pending-request check interval (src/network/requestQueue/index.js) */
const CHECK_PENDING_REQUESTS_INTERVAL = 10;

export interface RequestQueueState {
  throttledUntil: number;
  pending: unknown[];
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
}

export function scheduleCheckPendingRequests(this: RequestQueueState): void {
  if (this.throttleCheckTimeoutId) return;
  let scheduleAt = this.throttledUntil - Date.now();
  if (this.pending.length > 0) scheduleAt = scheduleAt > 0 ? scheduleAt : CHECK_PENDING_REQUESTS_INTERVAL;
  else if (scheduleAt <= 0) return;
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, scheduleAt);
}

let patched = false;

/** Replaces the method on kafkajs' RequestQueue, once per process. */
export function patchKafkajsRequestQueue(): void {
  if (patched) return;
  const RequestQueue = createRequire(import.meta.url)('kafkajs/src/network/requestQueue/index.js') as { prototype: Record<string, unknown> };
  if (typeof RequestQueue.prototype.scheduleCheckPendingRequests !== 'function') {
    throw new Error('kafkajs RequestQueue has no scheduleCheckPendingRequests: kafkajs-timeout-fix.ts is written for kafkajs 2.2.4');
  }
  RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
  patched = true;
}
