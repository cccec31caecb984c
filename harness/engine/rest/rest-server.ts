import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import { versions } from '../../versions.ts';
import type { Logger } from '../logger.ts';
import { ConnectorRegistry } from './connector-registry.ts';
import { RestError } from './rest-error.ts';
import { CONNECTOR_PLUGINS, validatePlugin } from './validate-config.ts';
import { scrapeRegistry } from './metrics-route.ts';
import { startConnector } from './start-connector.ts';

// A Kafka-Connect-compatible REST API in front of the native engine, so the seeds' curl commands
// work against it unchanged. Routes and bodies follow Kafka Connect 3.9's REST API
// (https://kafka.apache.org/39/documentation/#connect_rest).

export interface RestServerOptions {
  bootstrapServers: string[];
  port?: number;
  host?: string;
  logger?: Logger;
}

export interface ConnectRestServer {
  url: string;
  registry: ConnectorRegistry;
  close(): Promise<void>;
}

type Handler = (match: RegExpMatchArray, body: unknown, query: URLSearchParams) => Promise<{ status: number; body?: unknown; text?: { contentType: string; body: string } }>;

function routes(registry: ConnectorRegistry, clusterId: () => Promise<string>): Array<[string, RegExp, Handler]> {
  const name = '([^/]+)';
  const decode = (s: string | undefined) => decodeURIComponent(s ?? '');
  return [
    ['GET', /^\/$/, async () => ({ status: 200, body: { version: versions.kafka.version, commit: 'cdc-labs-native-engine', kafka_cluster_id: await clusterId() } })],
    ['GET', /^\/connectors\/?$/, async (_m, _b, query) => {
      const names = registry.names();
      const expand = query.getAll('expand');
      if (!expand.length) return { status: 200, body: names };
      const body: Record<string, Record<string, unknown>> = {};
      for (const n of names) {
        body[n] = {};
        if (expand.includes('status')) body[n].status = registry.status(n);
        if (expand.includes('info')) body[n].info = registry.info(n);
      }
      return { status: 200, body };
    }],
    ['POST', /^\/connectors\/?$/, async (_m, body) => ({ status: 201, body: await registry.create(body) })],
    ['GET', new RegExp(`^/connectors/${name}/?$`), async (m) => ({ status: 200, body: registry.info(decode(m[1])) })],
    ['GET', new RegExp(`^/connectors/${name}/config/?$`), async (m) => ({ status: 200, body: registry.config(decode(m[1])) })],
    ['PUT', new RegExp(`^/connectors/${name}/config/?$`), async (m, body) => {
      const result = await registry.putConfig(decode(m[1]), (body ?? {}) as Record<string, unknown>);
      return { status: result.created ? 201 : 200, body: result.body };
    }],
    ['GET', new RegExp(`^/connectors/${name}/status/?$`), async (m) => ({ status: 200, body: registry.status(decode(m[1])) })],
    ['GET', new RegExp(`^/connectors/${name}/tasks/?$`), async (m) => ({ status: 200, body: registry.tasks(decode(m[1])) })],
    ['GET', new RegExp(`^/connectors/${name}/tasks/(\\d+)/status/?$`), async (m) => ({ status: 200, body: registry.taskStatus(decode(m[1]), Number(m[2])) })],
    ['POST', new RegExp(`^/connectors/${name}/tasks/(\\d+)/restart/?$`), async (m) => {
      await registry.restart(decode(m[1]), true);
      return { status: 204 };
    }],
    ['POST', new RegExp(`^/connectors/${name}/restart/?$`), async (m, _b, query) => {
      const status = await registry.restart(decode(m[1]), query.get('includeTasks') === 'true');
      return status ? { status: 202, body: status } : { status: 204 };
    }],
    ['PUT', new RegExp(`^/connectors/${name}/pause/?$`), async (m) => {
      await registry.pause(decode(m[1]));
      return { status: 202 };
    }],
    ['PUT', new RegExp(`^/connectors/${name}/resume/?$`), async (m) => {
      await registry.resume(decode(m[1]));
      return { status: 202 };
    }],
    ['DELETE', new RegExp(`^/connectors/${name}/?$`), async (m) => {
      await registry.delete(decode(m[1]));
      return { status: 204 };
    }],
    ['GET', /^\/metrics\/?$/, async () => ({ status: 200, text: await scrapeRegistry(registry) })],
    ['GET', /^\/connector-plugins\/?$/, async () => ({ status: 200, body: CONNECTOR_PLUGINS })],
    ['PUT', new RegExp(`^/connector-plugins/${name}/config/validate/?$`), async (m, body) => {
      return { status: 200, body: validatePlugin(decode(m[1]), (body ?? {}) as Record<string, unknown>) };
    }],
  ];
}

async function readJson(request: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RestError(500, `Unrecognized JSON: ${(error as Error).message}`);
  }
}

export async function startConnectRestServer(options: RestServerOptions): Promise<ConnectRestServer> {
  const host = options.host ?? '127.0.0.1';
  let cachedClusterId: Promise<string> | undefined;
  const clusterId = () =>
    (cachedClusterId ??= (async () => {
      const admin = new Kafka({ brokers: options.bootstrapServers, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      try {
        return (await admin.describeCluster()).clusterId;
      } finally {
        await admin.disconnect();
      }
    })());
  // the worker id is host:port, as in Connect, so routes are built once the port is known
  let table: ReturnType<typeof routes> = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const reply = (status: number, body?: unknown) => {
      const text = body === undefined ? '' : JSON.stringify(body);
      response.writeHead(status, body === undefined ? {} : { 'Content-Type': 'application/json' });
      response.end(text);
    };
    void (async () => {
      try {
        const pathMatches = table.filter(([, pattern]) => pattern.test(url.pathname));
        const route = pathMatches.find(([method]) => method === request.method);
        if (!route) {
          throw pathMatches.length ? new RestError(405, 'HTTP 405 Method Not Allowed') : new RestError(404, 'HTTP 404 Not Found');
        }
        const body = request.method === 'GET' || request.method === 'DELETE' ? undefined : await readJson(request);
        const result = await route[2](url.pathname.match(route[1])!, body, url.searchParams);
        if (result.text) {
          response.writeHead(result.status, { 'Content-Type': result.text.contentType });
          response.end(result.text.body);
        } else reply(result.status, result.body);
      } catch (error) {
        const rest = error instanceof RestError ? error : new RestError(500, (error as Error).message);
        reply(rest.status, rest.body());
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const workerId = `${host}:${port}`;
  const registry = new ConnectorRegistry(
    (config) => startConnector(config, { bootstrapServers: options.bootstrapServers, logger: options.logger, workerId }),
    workerId,
  );
  table = routes(registry, clusterId);
  return {
    url: `http://${host}:${port}`,
    registry,
    close: async () => {
      await registry.closeAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
