// heartbeat.interval.ms / heartbeat.action.query, as Debezium's HeartbeatImpl and
// DatabaseHeartbeatImpl do them: every interval run the action query (if any), emit a heartbeat
// record, and let the slot advance to the newest keepalive LSN once that record is in Kafka. Without
// this, a slot whose captured tables are idle would pin WAL written for other tables forever.
import type pg from 'pg';
import type { ChangeBuilder } from '../events/builder-port.ts';
import type { KafkaWriter } from '../kafka/kafka-writer.ts';
import type { Logger } from '../logger.ts';
import type { OffsetTracker } from '../kafka/offsets.ts';
import type { StreamReader } from './stream.ts';

export interface HeartbeatOptions {
  intervalMs: number;
  actionQuery?: string | null;
  /** connection for the action query */
  db: Pick<pg.Client, 'query'>;
  builder: ChangeBuilder;
  writer: KafkaWriter;
  tracker: OffsetTracker;
  stream: StreamReader;
  logger?: Logger;
  onError: (err: Error) => void;
}

export class Heartbeat {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  beats = 0;

  private readonly opts: HeartbeatOptions;
  constructor(opts: HeartbeatOptions) {
    this.opts = opts;
  }

  start(): void {
    if (this.opts.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const { actionQuery, db, builder, writer, tracker, stream } = this.opts;
      if (actionQuery) {
        try {
          await db.query(actionQuery);
        } catch (err) {
          throw new Error(`Could not execute heartbeat action query (heartbeat.action.query): ${(err as Error).message}`, {
            cause: err,
          });
        }
      }
      const idle = stream.idleLsn();
      const lsn = idle ?? stream.lastReceivedLsn;
      const record = builder.heartbeat({
        snapshot: 'false',
        tsUs: BigInt(Date.now()) * 1000n,
        txId: null,
        lsn,
        sequence: null,
        xmin: null,
      });
      // dropped by a source transform (Filter on the heartbeat topic): nothing to write, as in Connect
      if (record === null) return;
      const seq = await writer.enqueue([record]);
      this.beats++;
      if (idle !== null) tracker.addPoint(idle, seq);
    } catch (err) {
      this.opts.onError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      this.running = false;
    }
  }
}
