package dev.cdclabs.goldens;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.*;
import org.apache.kafka.connect.data.*;
import org.apache.kafka.connect.json.JsonConverter;
import io.debezium.config.Configuration;
import io.debezium.connector.postgresql.*;
import io.debezium.relational.*;
import io.debezium.relational.mapping.ColumnMapper;
import io.debezium.relational.mapping.ColumnMappers;

/**
 * One column of table public.t, one value, with Debezium 3.2.7's column mappers (column.mask.with.N.chars,
 * column.mask.hash[.v2].ALG.with.salt.SALT, column.truncate.to.N.chars, column/datatype.propagate.source.type).
 *
 * Same case columns as TypeMapGolden, except that config entries are separated by ';' (regex lists hold commas)
 * and split at the first '='. The column is built as PgOutputMessageDecoder.resolveRelationFromMetadata builds it
 * on the streaming path: length and scale from pgoutput's ColumnMetaData (TypeInfoCache with a connection's
 * unknownLength, Integer.MAX_VALUE). ColumnMappers.create(config).mapperFor(public.t, column) alters the field
 * schema (TableSchemaBuilder.addField) and mappingConverterFor wraps the value converter
 * (TableSchemaBuilder.wrapInMappingConverterIfNeeded). Prints what TypeMapGolden prints.
 */
public class ColumnMapperGolden {
  public static void main(String[] args) throws Exception {
    TypeMapGolden.setup(Integer.MAX_VALUE);
    JsonConverter jc = new JsonConverter();
    jc.configure(Map.of("schemas.enable", "true", "converter.type", "value"));
    Constructor<?> cmd = Class.forName("io.debezium.connector.postgresql.connection.pgoutput.ColumnMetaData")
        .getDeclaredConstructor(String.class, PostgresType.class, boolean.class, boolean.class, boolean.class, String.class, int.class);
    cmd.setAccessible(true);
    Class<?> cmdClass = cmd.getDeclaringClass();
    Method getLength = cmdClass.getMethod("getLength"), getScale = cmdClass.getMethod("getScale"), getTypeName = cmdClass.getMethod("getTypeName");
    TableId tableId = new TableId(null, "public", "t");
    Scanner in = new Scanner(System.in, StandardCharsets.UTF_8);
    while (in.hasNextLine()) {
      String line = in.nextLine();
      if (line.isBlank()) continue;
      String[] p = line.split("\t", -1);
      try {
        Map<String, String> m = new HashMap<>();
        m.put("topic.prefix", "dbserver1"); m.put("database.hostname", "h"); m.put("database.user", "u"); m.put("database.dbname", "d");
        for (String kv : p[0].split(";")) if (!kv.isEmpty()) { int eq = kv.indexOf('='); m.put(kv.substring(0, eq), kv.substring(eq + 1)); }
        PostgresConnectorConfig cfg = new PostgresConnectorConfig(Configuration.from(m));
        PostgresType element = null;
        if (!p[6].equals("-")) { String[] e = p[6].split("/"); element = TypeMapGolden.type(e[0], Integer.parseInt(e[1]), Integer.parseInt(e[2]), null, p[7].equals("-") ? null : Arrays.asList(p[7].split(","))); }
        PostgresType t = TypeMapGolden.type(p[1], Integer.parseInt(p[2]), Integer.parseInt(p[3]), element, (element == null && !p[7].equals("-")) ? Arrays.asList(p[7].split(",")) : null);
        int typmod = Integer.parseInt(p[4]);
        boolean optional = Boolean.parseBoolean(p[5]);
        PostgresValueConverter conv = PostgresValueConverter.of(cfg, StandardCharsets.UTF_8, TypeMapGolden.registry);
        Method iu = PostgresConnectorConfig.class.getDeclaredMethod("includeUnknownDatatypes"); iu.setAccessible(true);
        boolean includeUnknown = (Boolean) iu.invoke(cfg);
        Object meta = cmd.newInstance("c", t, false, optional, false, null, typmod);
        Column col = Column.editor().name("c").jdbcType(t.getRootType().getJdbcId()).nativeType(t.getRootType().getOid())
            .optional(optional).type(t.getName(), (String) getTypeName.invoke(meta))
            .length((Integer) getLength.invoke(meta)).scale((Integer) getScale.invoke(meta)).create();
        if (System.getenv("DBG") != null) System.err.println("len=" + col.length() + " scale=" + col.scale());
        ColumnMappers mappers = ColumnMappers.create(cfg);
        ColumnMapper mapper = mappers.mapperFor(tableId, col);
        SchemaBuilder sb = conv.schemaBuilder(col);
        if (sb == null) { System.out.println("SKIPPED"); continue; }
        if (mapper != null) mapper.alterFieldSchema(col, sb);
        if (col.isOptional()) sb.optional();
        Schema row = SchemaBuilder.struct().name("R").field("c", sb.build()).optional().build();
        ValueConverter vconv = conv.converter(col, row.field("c"));
        ValueConverter mapping = mappers.mappingConverterFor(tableId, col);
        Object out = vconv == null ? TypeMapGolden.rawValue(p[8], t, element, includeUnknown) : vconv.convert(TypeMapGolden.rawValue(p[8], t, element, includeUnknown));
        if (vconv != null && mapping != null) out = mapping.convert(out);
        Struct s = new Struct(row).put("c", out);
        System.out.println(new String(jc.fromConnectData("t", row, s), StandardCharsets.UTF_8));
      } catch (Throwable e) {
        Throwable r = e; while (r.getCause() != null) r = r.getCause();
        System.out.println("ERROR " + r.getClass().getSimpleName() + ": " + String.valueOf(r.getMessage()).replace('\n', ' '));
      }
    }
  }
}
