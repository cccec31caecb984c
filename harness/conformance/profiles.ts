// Conformance profiles: a configuration both engines get on top of connectorConfig() (run.ts), with the same
// workload. `endTopic` is where the workload_end marker lands (transforms may route it), without the prefix.
import { apicurioAvroConverterConfig } from '../runtime/registry-converter-config.ts';
import type { StackInfo } from '../runtime/index.ts';

export interface ProfileContext {
  engine: 'debezium' | 'ours';
  stack: StackInfo;
}

export interface Profile {
  name: string;
  description: string;
  config: Record<string, string>;
  /** keys that name the engine's own topics or the stack's servers: merged over `config` for each engine */
  configFor?: (topicPrefix: string, context: ProfileContext) => Record<string, string>;
  endTopic: string;
  /** servers the profile needs besides PostgreSQL, Kafka and Connect (cli.ts starts them) */
  services?: Array<'registry'>;
  /** how the records are encoded: the JsonConverter (default), or Avro in the Confluent wire format through the stack's registry */
  format?: 'json' | 'avro';
}

export const PROFILES: Record<string, Profile> = {
  default: { name: 'default', description: 'Debezium\'s defaults plus skipped.operations=none and provide.transaction.metadata=true', config: {}, endTopic: 'public.workload_end' },
  // issue #16: masking (column.mask.*, column.truncate.*, MaskField), routing (RegexRouter), unwrap with deletes
  // (ExtractNewRecordState rewriting deletes), a Filter with a predicate and ReplaceField, on the source.
  transforms: {
    name: 'transforms',
    description: 'column masking and truncation, then ExtractNewRecordState (deletes rewritten, op and table added), ReplaceField, MaskField, RegexRouter to <prefix>.routed.<table>, and a Filter dropping the no_pk table\'s records by TopicNameMatches',
    config: {
      'column.mask.with.8.chars': 'public\\.ri_default\\.email',
      'column.mask.hash.SHA-256.with.salt.CzQMA0cB5K': 'public\\.ri_full\\.email',
      'column.truncate.to.4.chars': 'public\\.documents\\.title',
      transforms: 'unwrap,drop,mask,route,nopk',
      'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState',
      'transforms.unwrap.delete.tombstone.handling.mode': 'rewrite',
      'transforms.unwrap.add.fields': 'op,table',
      'transforms.drop.type': 'org.apache.kafka.connect.transforms.ReplaceField$Value',
      'transforms.drop.exclude': 'attachment',
      'transforms.drop.predicate': 'isDocuments',
      'transforms.mask.type': 'org.apache.kafka.connect.transforms.MaskField$Value',
      'transforms.mask.fields': 'balance',
      'transforms.mask.predicate': 'isDocuments',
      'transforms.mask.negate': 'true',
      'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter',
      'transforms.route.regex': '([^.]+)\\.public\\.(.*)',
      'transforms.route.replacement': '$1.routed.$2',
      'transforms.nopk.type': 'org.apache.kafka.connect.transforms.Filter',
      'transforms.nopk.predicate': 'isNoPk',
      predicates: 'isDocuments,isNoPk',
      'predicates.isDocuments.type': 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
      'predicates.isDocuments.pattern': '.*\\.public\\.documents',
      'predicates.isNoPk.type': 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
      'predicates.isNoPk.pattern': '.*\\.routed\\.no_pk',
    },
    endTopic: 'routed.workload_end',
  },
  // issue #16: io.debezium.transforms.outbox.EventRouter on the outbox table only (a TopicNameMatches predicate),
  // with the JSON payload expanded, one column in the envelope and one in a header, and null payloads as tombstones.
  outbox: {
    name: 'outbox',
    description: 'the outbox EventRouter on the outbox table (TopicNameMatches predicate): events routed to <prefix>.outbox.<aggregatetype>, the jsonb payload expanded into a struct, aggregateid in the envelope and type in a header, a null payload as a tombstone, updates and deletes dropped',
    config: {
      transforms: 'outbox',
      'transforms.outbox.type': 'io.debezium.transforms.outbox.EventRouter',
      'transforms.outbox.predicate': 'isOutbox',
      'transforms.outbox.table.expand.json.payload': 'true',
      'transforms.outbox.table.fields.additional.placement': 'aggregateid:envelope:aggregateId,type:header:eventType',
      'transforms.outbox.route.tombstone.on.empty.payload': 'true',
      predicates: 'isOutbox',
      'predicates.isOutbox.type': 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
      'predicates.isOutbox.pattern': '.*\\.public\\.outbox',
    },
    // the routed topics carry each engine's prefix, so the run reads and compares them as it does the others
    configFor: (topicPrefix) => ({ 'transforms.outbox.route.topic.replacement': `${topicPrefix}.outbox.\${routedByValue}` }),
    endTopic: 'public.workload_end',
  },
  // issue #16: field.name.adjustment.mode=avro_unicode renames every column with "_", a space or a quote ("Mixed Case",
  // "with space", c_numeric, …); schema.name.adjustment.mode=avro_unicode would also rename the run's topic prefix
  // (conf_ours_… vs conf_dbz_…) inside the schema names, which the prefix masking cannot match, so avro here.
  names: {
    name: 'names',
    description: 'schema.name.adjustment.mode=avro and field.name.adjustment.mode=avro_unicode',
    config: { 'schema.name.adjustment.mode': 'avro', 'field.name.adjustment.mode': 'avro_unicode' },
    endTopic: 'public.workload_end',
  },
  // issue #19: Avro through a schema registry. Both engines get Apicurio Registry 2.6's AvroConverter for key and value,
  // set to the Confluent wire format (registry-converter-config.ts); real Debezium's Connect has Apicurio's plugin, our
  // engine implements the same keys. The run compares the schemas each engine registered and the decoded records.
  avro: {
    name: 'avro',
    description: 'key.converter and value.converter = Apicurio\'s io.apicurio.registry.utils.converter.AvroConverter writing the Confluent wire format through Apicurio Registry; the registered schemas are compared subject by subject and the records decoded through the registry',
    config: {},
    configFor: (_topicPrefix, { engine, stack }) => {
      if (!stack.registry) throw new Error('the avro profile needs a stack with a schema registry (with: ["connect", "registry"])');
      // our engine runs here, the Connect worker may not (containers): each gets the registry URL it can reach
      const registry = engine === 'debezium' ? stack.registry : { ...stack.registry, apicurioUrlForConnect: stack.registry.apicurioUrl };
      return apicurioAvroConverterConfig(registry);
    },
    endTopic: 'public.workload_end',
    services: ['registry'],
    format: 'avro',
  },
};
