package dev.cdclabs.goldens;

import java.math.BigDecimal;
import java.util.*;
import org.apache.kafka.connect.data.*;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
/**
 * Kafka 3.9.1's SimpleHeaderConverter.fromConnectHeader over a key struct holding a Decimal, bytes, a string with
 * a backslash and a quote, Connect Date and Timestamp, a double, a boolean, a null and a VariableScaleDecimal:
 * the text the engine must put in __debezium.newkey / __debezium.oldkey headers (Values.convertToString).
 * Prints that one line; harness/engine/header-format.test.ts holds it inline.
 */
public class HeaderGolden { public static void main(String[] a) throws Exception {
  SimpleHeaderConverter hc = new SimpleHeaderConverter(); hc.configure(Map.of());
  Schema k = SchemaBuilder.struct().name("K")
    .field("d", Decimal.builder(2).parameter("connect.decimal.precision", "10").build())
    .field("b", Schema.BYTES_SCHEMA)
    .field("s", Schema.STRING_SCHEMA)
    .field("dt", org.apache.kafka.connect.data.Date.SCHEMA)
    .field("ts", org.apache.kafka.connect.data.Timestamp.SCHEMA)
    .field("f", Schema.FLOAT64_SCHEMA)
    .field("bo", Schema.BOOLEAN_SCHEMA)
    .field("n", Schema.OPTIONAL_STRING_SCHEMA)
    .field("v", SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal").field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build())
    .build();
  Struct vs = new Struct(k.field("v").schema()).put("scale", 1).put("value", new byte[]{123});
  Struct s = new Struct(k).put("d", new BigDecimal("12.30")).put("b", new byte[]{1,2,(byte)255}).put("s", "a\\b\"c").put("dt", new java.util.Date(19724L*86400000L))
    .put("ts", new java.util.Date(1704164645123L)).put("f", 100.0).put("bo", true).put("v", vs);
  System.out.println(new String(hc.fromConnectHeader("t", "h", k, s)));
}}
