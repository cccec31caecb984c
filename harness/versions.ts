// The one place that pins every component version: both runtimes, the Maven pom, the compose files
// and the docs read it (tests check that they agree).
export const versions = {
  // engines.node in package.json; CI runs .ci/node-version and its unit tests also on .ci/oldest-node-version
  node: '>=22.22',
  postgres: {
    major: 17,
    // npm package that ships real PostgreSQL binaries for the native runtime
    embeddedPostgres: '17.10.0-beta.17',
    image: 'postgres:17',
  },
  kafka: {
    version: '3.9.1', // the last line with both ZooKeeper and KRaft modes
    scala: '2.13',
    zookeeper: '3.8.4', // the ZooKeeper that Kafka 3.9.1 depends on
    slf4j: '1.7.36',
    reload4j: '1.2.25',
    image: 'apache/kafka:3.9.1',
  },
  confluent: {
    // ZooKeeper-mode images for the containers runtime (apache/kafka images are KRaft only)
    version: '7.9.2',
    kafkaImage: 'confluentinc/cp-kafka:7.9.2',
    zookeeperImage: 'confluentinc/cp-zookeeper:7.9.2',
  },
  debezium: {
    version: '3.2.7.Final',
    // Maven Central serves no debezium-connector-jdbc between 3.2.1 and 3.2.7: 3.2.0.Final is the
    // newest 3.2 JDBC sink the native runtime can fetch. The Connect image ships its own 3.2.7.
    jdbcSinkVersion: '3.2.0.Final',
    connectImage: 'quay.io/debezium/connect:3.2.7.Final',
  },
  s3: {
    s3mock: '4.11.0', // com.adobe.testing:s3mock, the exec jar (native runtime)
    s3proxy: '2.9.0', // org.gaul:s3proxy, the optional store that checks signatures (native runtime)
    minioImage: 'minio/minio:RELEASE.2025-04-22T22-12-26Z', // containers runtime
  },
  apicurio: {
    // Apicurio Registry 2.6.x, not 3.x: its Kafka Connect converter (io.apicurio.registry.utils.converter.AvroConverter,
    // artifact apicurio-registry-utils-converter) is served by Maven Central for 2.6.13.Final, Debezium 3.2's own
    // Connect image ships a 2.6 converter (ENABLE_APICURIO_CONVERTERS), the 2.x serdes write Confluent's wire
    // format with apicurio.registry.as-confluent=true, and the server serves the Confluent-compatible API at
    // /apis/ccompat/v6 and /v7 while running on Java 17 (3.x needs Java 21).
    version: '2.6.13.Final',
    // the in-memory server image of the same release (containers runtime)
    image: 'apicurio/apicurio-registry-mem:2.6.13.Final',
    // The native runtime's registry server, built from Maven Central (harness/runtime/native/maven/apicurio-registry/pom.xml).
    // 2.4.2.Final because it is the newest release whose server Maven Central serves whole: 2.6.13.Final lacks
    // apicurio-registry-schema-util-provider, 2.5.11.Final apicurio-registry-utils-kafka, 3.0.9 and 3.3.2 their parent
    // pom, 3.3.3 apicurio-registry-schema-util-common (checked 2026-12-06). Its v2 API is the one the 2.6 converter
    // and serdes call, and it runs on Java 17.
    server: '2.4.2.Final',
    // the Quarkus release apicurio-registry 2.4.2.Final's pom pins (quarkus.version): its build plugin builds the server
    serverQuarkus: '2.16.4.Final',
    // Apicurio's config-index Quarkus extension: 2.4.2.Final asks for 0.1.18.Final, whose deployment artifact Maven
    // Central lacks; 0.1.10.Final is the newest release with both halves there
    serverConfigIndex: '0.1.10.Final',
    // com.github.erosb:everit-json-schema, the Maven Central publication of the JitPack-only
    // com.github.everit-org.json-schema:org.everit.json.schema 1.14.2 that 2.4.2.Final depends on
    serverEveritJsonSchema: '1.14.2',
  },
} as const;

export type Versions = typeof versions;
