package dev.cdclabs.goldens;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.*;
import org.apache.kafka.connect.data.*;
import org.apache.kafka.connect.json.JsonConverter;
import io.debezium.config.Configuration;
import io.debezium.connector.postgresql.*;
import io.debezium.connector.postgresql.connection.*;
import io.debezium.jdbc.*;
import io.debezium.relational.*;

/**
 * One column, one value: what Debezium 3.2.7's PostgreSQL connector emits for it on the pgoutput path.
 *
 * Reads cases from stdin, one per line (tab separated; scripts/goldens.ts strips the id column of the
 * files in cases/ before piping them here):
 *   config \t typeName \t oid \t jdbcType \t typmod \t optional \t element \t enumValues \t value [\t defaultExpression]
 * config: comma-separated connector properties (k=v) over topic.prefix/database.*, or empty;
 * element: for arrays, elementName/oid/jdbcType, else '-'; enumValues: comma-separated labels or '-';
 * value: PostgreSQL text ('\N' = SQL NULL, '\T' = unchanged TOASTed value; arrays as array literals).
 *
 * For each case it builds a PostgresType (TypeRegistry and PostgresType are filled by reflection: there is
 * no database), a Column with pgjdbc 42.7.7's TypeInfoCache precision/scale, and runs
 * ReplicationMessageColumnValueResolver.resolveValue (pgoutput text) → PostgresValueConverter.schemaBuilder/
 * converter → Kafka 3.9.1's JsonConverter (schemas.enable=true) over a single-field struct "R" {c}.
 * With a default expression, PostgresDefaultValueConverter.parseDefaultValue sets the field's default.
 * Prints exactly one line per case: the JsonConverter output, "SKIPPED" when schemaBuilder returns null
 * (unsupported type), or "ERROR <exception>: <message>" (root cause).
 */
public class TypeMapGolden {
  static TypeRegistry registry;
  static org.postgresql.core.TypeInfo typeInfo;
  static Map<Integer, PostgresType> oidToType = new HashMap<>();
  static Map<String, PostgresType> nameToType = new HashMap<>();

  static PostgresType type(String name, int oid, int jdbc, PostgresType element, List<String> enumValues) throws Exception {
    Constructor<PostgresType> c = PostgresType.class.getDeclaredConstructor(String.class, int.class, int.class, int.class,
        org.postgresql.core.TypeInfo.class, List.class, PostgresType.class, PostgresType.class);
    c.setAccessible(true);
    PostgresType t = c.newInstance(name, oid, jdbc, -1, typeInfo, enumValues, null, element);
    oidToType.put(oid, t); nameToType.put(name, t);
    return t;
  }

  /**
   * Splits a one-dimensional array literal into its element texts (null for NULL) with pgjdbc's own parser,
   * ArrayDecoding.buildArrayList, the one PgArray.getArray runs over the text Debezium wraps in a PgArray.
   * Each element then goes through the element type's pgoutput resolver (there is no connection for PgArray).
   */
  static List<String> arrayElements(String literal) throws Exception {
    Class<?> decoding = Class.forName("org.postgresql.jdbc.ArrayDecoding");
    Method build = decoding.getDeclaredMethod("buildArrayList", String.class, char.class);
    build.setAccessible(true);
    List<?> parsed = (List<?>) build.invoke(null, literal, ',');
    List<String> out = new ArrayList<>();
    for (Object e : parsed) {
      if (e != null && !(e instanceof String)) throw new IllegalArgumentException("multi-dimensional array literal: " + literal);
      out.add((String) e);
    }
    return out;
  }

  /** Fills the TypeRegistry by reflection; unknownLength is TypeInfoCache's (a connection's default is Integer.MAX_VALUE). */
  static void setup(int unknownLength) throws Exception {
    java.lang.reflect.Field uf = sun.misc.Unsafe.class.getDeclaredField("theUnsafe"); uf.setAccessible(true);
    sun.misc.Unsafe unsafe = (sun.misc.Unsafe) uf.get(null);
    registry = (TypeRegistry) unsafe.allocateInstance(TypeRegistry.class);
    for (String f : new String[]{"oidToType", "nameToType"}) {
      java.lang.reflect.Field fld = TypeRegistry.class.getDeclaredField(f); fld.setAccessible(true);
      fld.set(registry, f.equals("oidToType") ? oidToType : nameToType);
    }
    // extension types: hstore 16000, ltree 16001, citext 16002 (the case files use these OIDs); the rest absent
    for (String f : new String[]{"geometryOid","geographyOid","citextOid","hstoreOid","ltreeOid","isbnOid","vectorOid","halfVectorOid","sparseVectorOid","hstoreArrayOid","geometryArrayOid","geographyArrayOid","citextArrayOid","ltreeArrayOid"}) {
      java.lang.reflect.Field fld = TypeRegistry.class.getDeclaredField(f); fld.setAccessible(true); fld.setInt(registry, f.equals("hstoreOid") ? 16000 : f.equals("ltreeOid") ? 16001 : f.equals("citextOid") ? 16002 : -7777);
    }
    typeInfo = new org.postgresql.jdbc.TypeInfoCache(null, unknownLength);
  }

  /** The pgoutput text of a case ('\\N' NULL, '\\T' unchanged TOAST) resolved as ReplicationMessageColumnValueResolver does. */
  static Object rawValue(String v, PostgresType t, PostgresType element, boolean includeUnknown) throws Exception {
    Object raw;
    if (v.equals("\\N")) raw = null;
    else if (v.equals("\\T")) {
      UnchangedToastedReplicationMessageColumn tc = new UnchangedToastedReplicationMessageColumn("c", t, t.getName(), true);
      raw = tc.getValue(null, false);
    } else {
      Constructor<?> cv = Class.forName("io.debezium.connector.postgresql.connection.pgoutput.PgOutputColumnValue").getDeclaredConstructor(String.class);
      cv.setAccessible(true);
      if (element != null && v.startsWith("{")) {
        List<Object> list = new ArrayList<>();
        for (String e : arrayElements(v)) {
          list.add(e == null ? null : ReplicationMessageColumnValueResolver.resolveValue("c", element, element.getName(), (ReplicationMessage.ColumnValue) cv.newInstance(e), null, includeUnknown, registry));
        }
        raw = list;
      } else {
        raw = ReplicationMessageColumnValueResolver.resolveValue("c", t, t.getName(), (ReplicationMessage.ColumnValue) cv.newInstance(v), null, includeUnknown, registry);
      }
    }
    return raw;
  }

  public static void main(String[] args) throws Exception {
    setup(0);
    JsonConverter jc = new JsonConverter();
    jc.configure(Map.of("schemas.enable", "true", "converter.type", "value"));
    Scanner in = new Scanner(System.in, StandardCharsets.UTF_8);
    while (in.hasNextLine()) {
      String line = in.nextLine();
      if (line.isBlank()) continue;
      String[] p = line.split("\t", -1);
      try {
        Map<String, String> m = new HashMap<>();
        m.put("topic.prefix", "dbserver1"); m.put("database.hostname", "h"); m.put("database.user", "u"); m.put("database.dbname", "d");
        for (String kv : p[0].split(",")) if (!kv.isEmpty()) { String[] x = kv.split("="); m.put(x[0], x[1]); }
        PostgresConnectorConfig cfg = new PostgresConnectorConfig(Configuration.from(m));
        PostgresType element = null;
        if (!p[6].equals("-")) { String[] e = p[6].split("/"); element = type(e[0], Integer.parseInt(e[1]), Integer.parseInt(e[2]), null, p[7].equals("-") ? null : Arrays.asList(p[7].split(","))); }
        PostgresType t = type(p[1], Integer.parseInt(p[2]), Integer.parseInt(p[3]), element, (element == null && !p[7].equals("-")) ? Arrays.asList(p[7].split(",")) : null);
        int typmod = Integer.parseInt(p[4]);
        PostgresValueConverter conv = PostgresValueConverter.of(cfg, StandardCharsets.UTF_8, registry);
        Method iu = PostgresConnectorConfig.class.getDeclaredMethod("includeUnknownDatatypes"); iu.setAccessible(true);
        boolean includeUnknown = (Boolean) iu.invoke(cfg);
        // unconstrained numeric: pgjdbc reports precision 131089 (the connector sees the same through JDBC metadata)
        ColumnEditor ed = Column.editor().name("c").jdbcType(t.getRootType().getJdbcId()).nativeType(t.getRootType().getOid()).type(t.getName())
            .optional(Boolean.parseBoolean(p[5])).length(t.getOid() == 1700 && typmod == -1 ? 131089 : typeInfo.getPrecision(t.getOid(), typmod));
        ed.scale(typeInfo.getScale(t.getOid(), typmod));
        String defExpr = p.length > 9 && !p[9].isEmpty() ? p[9] : null;
        if (defExpr != null) ed.defaultValueExpression(defExpr);
        Column col = ed.create();
        if (System.getenv("DBG") != null) System.err.println("len=" + col.length() + " scale=" + col.scale());
        SchemaBuilder sb = conv.schemaBuilder(col);
        if (sb == null) { System.out.println("SKIPPED"); continue; }
        if (col.isOptional()) sb.optional();
        if (defExpr != null) {
          PostgresDefaultValueConverter dvc = new PostgresDefaultValueConverter(
              conv, new org.postgresql.jdbc.TimestampUtils(false, java.util.TimeZone::getDefault), registry);
          Optional<Object> dv = dvc.parseDefaultValue(col, defExpr);
          if (dv.isPresent() && dv.get() != null) sb.defaultValue(dv.get()); else System.err.println("no default for " + defExpr);
        }
        Schema fs = sb.build();
        Schema row = SchemaBuilder.struct().name("R").field("c", fs).optional().build();
        org.apache.kafka.connect.data.Field fd = row.field("c");
        ValueConverter vconv = conv.converter(col, fd);
        Object raw = rawValue(p[8], t, element, includeUnknown);
        Object out = vconv == null ? raw : vconv.convert(raw);
        Struct s = new Struct(row).put("c", out);
        System.out.println(new String(jc.fromConnectData("t", row, s), StandardCharsets.UTF_8));
      } catch (Throwable e) {
        Throwable r = e; while (r.getCause() != null) r = r.getCause();
        System.out.println("ERROR " + r.getClass().getSimpleName() + ": " + String.valueOf(r.getMessage()).replace('\n', ' '));
      }
    }
  }
}
