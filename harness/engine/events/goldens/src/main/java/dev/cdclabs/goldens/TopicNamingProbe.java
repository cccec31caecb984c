package dev.cdclabs.goldens;

import java.util.*;
import io.debezium.config.Configuration;
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.relational.TableId;
import io.debezium.schema.SchemaTopicNamingStrategy;
/**
 * Debezium 3.2.7 topic naming (SchemaTopicNamingStrategy, the default) and schema name adjustment (default none):
 * a table whose schema and name hold characters Kafka forbids in topic names, the heartbeat and transaction
 * topics, and a table name with a dot. Prints one value per line; harness/engine/event-builder.test.ts uses
 * dbserver1.my_schema.gr__e and __debezium-heartbeat.dbserver1 inline.
 */
public class TopicNamingProbe { public static void main(String[] a) {
  Map<String,String> m = new HashMap<>(); m.put("topic.prefix","dbserver1"); m.put("database.hostname","h"); m.put("database.user","u"); m.put("database.dbname","d");
  PostgresConnectorConfig cfg = new PostgresConnectorConfig(Configuration.from(m));
  SchemaTopicNamingStrategy t = SchemaTopicNamingStrategy.create(cfg); System.out.println(cfg.getConfig().getString("topic.naming.strategy") + " default " + io.debezium.config.CommonConnectorConfig.TOPIC_NAMING_STRATEGY.defaultValueAsString());
  TableId id = new TableId(null, "my schema", "größe");
  System.out.println(t.dataChangeTopic(id));
  System.out.println(t.recordSchemaPrefix(id));
  System.out.println(t.heartbeatTopic());
  System.out.println(t.transactionTopic());
  System.out.println(io.debezium.config.CommonConnectorConfig.SCHEMA_NAME_ADJUSTMENT_MODE.defaultValueAsString());
  System.out.println(cfg.schemaNameAdjuster().adjust("dbserver1.my schema.größe.Value"));
  System.out.println(t.dataChangeTopic(new TableId(null, "public", "a.b")));
}}
