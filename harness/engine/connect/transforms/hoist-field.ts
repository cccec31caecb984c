// org.apache.kafka.connect.transforms.HoistField$Key / $Value (Kafka 3.9): wraps the key or value in a struct (or a
// map, schemaless) with one field named `field`. The new schema is an unnamed required struct holding the old schema.
import type { Transform } from './extract-new-record-state.ts';
import { newRecord, operatingSchema, operatingValue, requiredOption, type Side } from './record-side.ts';

export const HOIST_FIELD = 'org.apache.kafka.connect.transforms.HoistField';

export function hoistField(side: Side) {
  return (options: Record<string, unknown>, prefix: string): Transform => {
    const field = requiredOption(options, 'field', prefix);
    return (record) => {
      const schema = operatingSchema(record, side);
      const value = operatingValue(record, side);
      if (schema === null) return newRecord(record, side, null, { [field]: value ?? null });
      return newRecord(record, side, { type: 'struct', optional: false, fields: [{ name: field, schema }] }, { [field]: value ?? null });
    };
  };
}
