// A connector's Java .properties file as the JSON Kafka Connect's REST API takes: the flat config map
// (PUT /connector-plugins/<class>/config/validate) or, with --connector, {name, config} (POST /connectors).
//   node labs/avro-schema-registry/properties-to-json.ts bike-store-2019.properties [--connector]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getProperties } from 'properties-file';

/** The key/value pairs of a .properties text (java.util.Properties' syntax: comments, escapes, continuations). */
export function readProperties(text: string): Record<string, string> {
  return getProperties(text);
}

/** POST /connectors' body: the name apart, the rest as config. */
export function connectorJson(properties: Record<string, string>): { name: string; config: Record<string, string> } {
  const { name, ...config } = properties;
  if (name === undefined) throw new Error('the properties have no "name": Kafka Connect needs one to create a connector');
  return { name, config };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, flag] = process.argv.slice(2);
  if (file === undefined || (flag !== undefined && flag !== '--connector')) {
    console.error('usage: node properties-to-json.ts <file.properties> [--connector]');
    process.exit(2);
  }
  const properties = readProperties(readFileSync(file, 'utf8'));
  console.log(JSON.stringify(flag === '--connector' ? connectorJson(properties) : properties, null, 2));
}
