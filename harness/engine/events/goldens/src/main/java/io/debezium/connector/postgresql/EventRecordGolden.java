package io.debezium.connector.postgresql;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.*;
import org.apache.kafka.connect.data.*;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import io.debezium.config.Configuration;
import io.debezium.connector.SnapshotRecord;
import io.debezium.connector.postgresql.connection.Lsn;
import io.debezium.connector.postgresql.connection.ReplicationMessage;
import io.debezium.data.Envelope;
import io.debezium.relational.TableId;
import io.debezium.schema.SchemaFactory;
import io.debezium.schema.SchemaNameAdjuster;

/**
 * Whole records for table public.customers(id int4 NOT NULL DEFAULT 0 PRIMARY KEY, name text), built with
 * Debezium 3.2.7's own classes: PostgresSourceInfoStructMaker + SourceInfo (the source block), Envelope.defineSchema()
 * ...withTransaction (the envelope), SchemaFactory (heartbeat and transaction metadata schemas), serialized with
 * Kafka 3.9.1's JsonConverter (key/value, with and without schemas) and SimpleHeaderConverter (key headers).
 * topic.prefix=dbserver1, database.dbname=inventory, commit at 1700000000.123456 s, txId 767, lsn 33227720,
 * last commit lsn 33227000, processing instant 1700000001.987654321 s.
 * Lives in io.debezium.connector.postgresql because SourceInfo's constructor and update methods are protected.
 * Prints one line per record: label \t serialized bytes as UTF-8 ("null" for a null result).
 */
public class EventRecordGolden {
  static JsonConverter jc(boolean schemas, boolean key) {
    JsonConverter c = new JsonConverter();
    c.configure(Map.of("schemas.enable", String.valueOf(schemas), "converter.type", key ? "key" : "value"));
    return c;
  }
  static void p(String label, byte[] b) { System.out.println(label + "\t" + (b == null ? "null" : new String(b, StandardCharsets.UTF_8))); }

  public static void main(String[] args) throws Exception {
    Map<String, String> m = new HashMap<>();
    m.put("topic.prefix", "dbserver1"); m.put("database.hostname", "h"); m.put("database.user", "u"); m.put("database.dbname", "inventory");
    PostgresConnectorConfig cfg = new PostgresConnectorConfig(Configuration.from(m));
    PostgresSourceInfoStructMaker sm = new PostgresSourceInfoStructMaker();
    sm.init("postgresql", "3.2.7.Final", cfg);
    SourceInfo si = new SourceInfo(cfg);
    si.updateLastCommit(Lsn.valueOf(33227000L));
    si.update(Lsn.valueOf(33227720L), Instant.ofEpochSecond(1700000000L, 123456000L), 767L, null, new TableId(null, "public", "customers"), ReplicationMessage.Operation.INSERT);
    si.setSnapshot(SnapshotRecord.FALSE);
    Struct source = sm.struct(si);

    Schema key = SchemaBuilder.struct().name("dbserver1.public.customers.Key").field("id", Schema.INT32_SCHEMA).build();
    Schema value = SchemaBuilder.struct().name("dbserver1.public.customers.Value").optional()
        .field("id", SchemaBuilder.int32().defaultValue(0).build()).field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
    Envelope env = Envelope.defineSchema().withName("dbserver1.public.customers.Envelope").withRecord(value)
        .withSource(sm.schema()).withTransaction(SchemaFactory.get().transactionBlockSchema()).build();
    Struct after = new Struct(value).put("id", 1).put("name", "Ann");
    Instant now = Instant.ofEpochSecond(1700000001L, 987654321L);
    p("create", jc(true, false).fromConnectData("t", env.schema(), env.create(after, source, now)));
    p("create_noschema", jc(false, false).fromConnectData("t", env.schema(), env.create(after, source, now)));
    p("update", jc(false, false).fromConnectData("t", env.schema(), env.update(null, after, source, now)));
    Struct beforeKeyOnly = new Struct(value).put("id", 1);
    p("delete", jc(false, false).fromConnectData("t", env.schema(), env.delete(beforeKeyOnly, source, now)));
    p("truncate", jc(false, false).fromConnectData("t", env.schema(), env.truncate(source, now)));
    Struct k = new Struct(key).put("id", 1);
    p("key", jc(true, true).fromConnectData("t", key, k));
    p("tombstone", jc(true, false).fromConnectData("t", null, null));
    // transaction block filled
    Struct withTx = env.create(after, source, now);
    Struct tx = new Struct(SchemaFactory.get().transactionBlockSchema()).put("id", "767:33227720").put("total_order", 1L).put("data_collection_order", 1L);
    withTx.put("transaction", tx);
    p("create_tx", jc(false, false).fromConnectData("t", env.schema(), withTx));
    // snapshot source
    SourceInfo si2 = new SourceInfo(cfg);
    si2.update(Lsn.valueOf(33227720L), Instant.ofEpochSecond(1700000000L, 0L), 767L, null, new TableId(null, "public", "customers"), null);
    si2.setSnapshot(SnapshotRecord.FIRST);
    p("source_snapshot", jc(false, false).fromConnectData("t", sm.schema(), sm.struct(si2)));
    // heartbeat
    SchemaNameAdjuster adj = SchemaNameAdjuster.create();
    Schema hk = SchemaFactory.get().heartbeatKeySchema(adj);
    Schema hv = SchemaFactory.get().heartbeatValueSchema(adj);
    p("hb_key", jc(true, true).fromConnectData("t", hk, new Struct(hk).put("serverName", "dbserver1")));
    p("hb_value", jc(true, false).fromConnectData("t", hv, new Struct(hv).put("ts_ms", 1700000000123L)));
    // transaction metadata
    Schema tk = SchemaFactory.get().transactionKeySchema(adj);
    Schema tv = SchemaFactory.get().transactionValueSchema(adj);
    Schema coll = SchemaFactory.get().transactionEventCountPerDataCollectionSchema();
    p("tx_key", jc(true, true).fromConnectData("t", tk, new Struct(tk).put("id", "767:33227720")));
    p("tx_begin", jc(true, false).fromConnectData("t", tv, new Struct(tv).put("status", "BEGIN").put("id", "767:33227720").put("ts_ms", 1700000000123L)));
    Struct c1 = new Struct(coll).put("data_collection", "public.customers").put("event_count", 2L);
    p("tx_end", jc(false, false).fromConnectData("t", tv, new Struct(tv).put("status", "END").put("id", "767:33227800").put("event_count", 2L).put("data_collections", List.of(c1)).put("ts_ms", 1700000000123L)));
    // header of a primary-key change
    SimpleHeaderConverter hc = new SimpleHeaderConverter();
    hc.configure(Map.of());
    p("header_newkey", hc.fromConnectHeader("t", "__debezium.newkey", key, new Struct(key).put("id", 2)));
    Schema key2 = SchemaBuilder.struct().name("K2").field("a", Schema.STRING_SCHEMA).field("b", Schema.INT64_SCHEMA).build();
    p("header_key2", hc.fromConnectHeader("t", "__debezium.oldkey", key2, new Struct(key2).put("a", "x\"y").put("b", 5L)));
  }
}
