// `npm run connect -- --bootstrap-servers 127.0.0.1:9092 [--port 8083]`: the native engine behind a
// Kafka-Connect-compatible REST API, so the seeds' curl commands work against it as written.
import { parseArgs } from 'node:util';
import { startConnectRestServer } from '../harness/engine/index.ts';

const { values } = parseArgs({
  options: { 'bootstrap-servers': { type: 'string' }, port: { type: 'string', default: '8083' }, host: { type: 'string', default: '127.0.0.1' } },
});
if (!values['bootstrap-servers']) {
  console.error('usage: npm run connect -- --bootstrap-servers host:port[,host:port] [--port 8083] [--host 127.0.0.1]');
  process.exit(2);
}
const server = await startConnectRestServer({
  bootstrapServers: values['bootstrap-servers'].split(','),
  port: Number(values.port),
  host: values.host,
  logger: (level, message) => level !== 'debug' && console.log(`${level.toUpperCase()} ${message}`),
});
console.log(`Kafka Connect REST API (native engine) at ${server.url}   e.g. curl -s ${server.url}/connector-plugins`);
const stop = () => void server.close().finally(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
