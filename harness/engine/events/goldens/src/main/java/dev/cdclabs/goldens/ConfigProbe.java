package dev.cdclabs.goldens;

/**
 * Debezium 3.2.7 configuration defaults and allowed values the engine's config parsing relies on:
 * extended.headers.enabled, skipped.operations, plugin.name defaults; snapshot.mode, publication.autocreate.mode
 * and time.precision.mode allowed values. Prints one value per line.
 */
public class ConfigProbe { public static void main(String[] a) {
  System.out.println(io.debezium.config.CommonConnectorConfig.EXTENDED_HEADERS_ENABLED.defaultValue());
  System.out.println(io.debezium.config.CommonConnectorConfig.EXTENDED_HEADERS_ENABLED.name());
  System.out.println(io.debezium.connector.postgresql.PostgresConnectorConfig.SKIPPED_OPERATIONS.defaultValue());
  System.out.println(io.debezium.connector.postgresql.PostgresConnectorConfig.PLUGIN_NAME.defaultValue());
  System.out.println(io.debezium.connector.postgresql.PostgresConnectorConfig.SNAPSHOT_MODE.allowedValues());
  System.out.println(io.debezium.connector.postgresql.PostgresConnectorConfig.PUBLICATION_AUTOCREATE_MODE.allowedValues());
  System.out.println(io.debezium.connector.postgresql.PostgresConnectorConfig.TIME_PRECISION_MODE.allowedValues());
}}
