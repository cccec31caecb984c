// A Kafka Connect schema as the JsonConverter prints it (org.apache.kafka.connect.data.Schema), plus the
// logical types Debezium uses (io.debezium.data.*, io.debezium.time.*) with their names and versions.
export type ConnectType =
  | 'int8' | 'int16' | 'int32' | 'int64' | 'float32' | 'float64' | 'boolean' | 'string' | 'bytes'
  | 'array' | 'map' | 'struct';

export interface ConnectField {
  name: string;
  schema: ConnectSchema;
}

export interface ConnectSchema {
  type: ConnectType;
  optional: boolean;
  name?: string;
  version?: number;
  doc?: string;
  /** insertion-ordered, as Connect's SchemaBuilder keeps them (LinkedHashMap) */
  parameters?: Record<string, string>;
  /** a value in the same representation as payload values (see json-converter.ts) */
  default?: unknown;
  fields?: ConnectField[];
  items?: ConnectSchema;
  keys?: ConnectSchema;
  values?: ConnectSchema;
}

export const s = {
  prim(type: ConnectType, optional = true): ConnectSchema {
    return { type, optional };
  },
  logical(type: ConnectType, name: string, version: number | undefined, optional = true, parameters?: Record<string, string>): ConnectSchema {
    const out: ConnectSchema = { type, optional, name };
    if (version !== undefined) out.version = version;
    if (parameters) out.parameters = parameters;
    return out;
  },
  array(items: ConnectSchema, optional = true): ConnectSchema {
    return { type: 'array', optional, items };
  },
  struct(name: string | undefined, fields: ConnectField[], optional: boolean, extra: Partial<ConnectSchema> = {}): ConnectSchema {
    const out: ConnectSchema = { type: 'struct', optional, fields };
    if (name !== undefined) out.name = name;
    return { ...out, ...extra };
  },
  field(name: string, schema: ConnectSchema): ConnectField {
    return { name, schema };
  },
};

export function withOptional(schema: ConnectSchema, optional: boolean): ConnectSchema {
  return { ...schema, optional };
}

// Logical type names (io.debezium.* classes; Connect's org.apache.kafka.connect.data.*)
export const LOGICAL = {
  decimal: 'org.apache.kafka.connect.data.Decimal',
  connectDate: 'org.apache.kafka.connect.data.Date',
  connectTime: 'org.apache.kafka.connect.data.Time',
  connectTimestamp: 'org.apache.kafka.connect.data.Timestamp',
  variableScaleDecimal: 'io.debezium.data.VariableScaleDecimal',
  uuid: 'io.debezium.data.Uuid',
  json: 'io.debezium.data.Json',
  xml: 'io.debezium.data.Xml',
  enum: 'io.debezium.data.Enum',
  bits: 'io.debezium.data.Bits',
  ltree: 'io.debezium.data.Ltree',
  point: 'io.debezium.data.geometry.Point',
  date: 'io.debezium.time.Date',
  time: 'io.debezium.time.Time',
  microTime: 'io.debezium.time.MicroTime',
  nanoTime: 'io.debezium.time.NanoTime',
  timestamp: 'io.debezium.time.Timestamp',
  microTimestamp: 'io.debezium.time.MicroTimestamp',
  nanoTimestamp: 'io.debezium.time.NanoTimestamp',
  zonedTime: 'io.debezium.time.ZonedTime',
  zonedTimestamp: 'io.debezium.time.ZonedTimestamp',
  microDuration: 'io.debezium.time.MicroDuration',
  interval: 'io.debezium.time.Interval',
} as const;
