// org.apache.kafka.connect.transforms.TimestampRouter (Kafka 3.9): the topic becomes `topic.format` (default
// ${topic}-${timestamp}) with every ${topic} replaced by the topic, then every ${timestamp} by the record's timestamp
// in `timestamp.format` (java.text.SimpleDateFormat at UTC, default yyyyMMdd). A record without a timestamp (the
// engine's source records have none until the producer sets one) is Kafka's DataException. Kafka builds the
// SimpleDateFormat at the first record; a bad pattern is refused here before the connector starts.
import { ConfigError } from '../../errors.ts';
import type { ConnectRecord } from '../connect-record.ts';
import type { Transform } from './extract-new-record-state.ts';
import { TransformDataError } from './record-side.ts';
import { SimpleDateFormat } from './simple-date-format.ts';

export const TIMESTAMP_ROUTER = 'org.apache.kafka.connect.transforms.TimestampRouter';

const stringOption = (options: Record<string, unknown>, name: string, def: string): string =>
  options[name] === undefined || options[name] === null ? def : String(options[name]).trim(); // ConfigDef.Type.STRING is trimmed

export function timestampRouter(options: Record<string, unknown>, prefix: string): Transform {
  const topicFormat = stringOption(options, 'topic.format', '${topic}-${timestamp}');
  const pattern = stringOption(options, 'timestamp.format', 'yyyyMMdd');
  let format: SimpleDateFormat;
  try {
    format = new SimpleDateFormat(pattern);
  } catch (e) {
    throw new ConfigError(`${prefix}timestamp.format`, `${(e as Error).message} (java.text.SimpleDateFormat pattern ${pattern})`);
  }
  return <R extends ConnectRecord>(record: R): R => {
    const timestamp = 'timestamp' in record ? (record as R & { timestamp: number | null }).timestamp : null;
    if (timestamp === null || timestamp === undefined) {
      throw new TransformDataError(`Timestamp missing on record: ConnectRecord{topic='${record.topic}', kafkaPartition=${record.partition}, timestamp=null}`);
    }
    const topic = topicFormat.split('${topic}').join(record.topic).split('${timestamp}').join(format.format(Number(timestamp)));
    return { ...record, topic };
  };
}
