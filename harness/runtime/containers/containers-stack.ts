import { GenericContainer, Network, Wait, getContainerRuntimeClient, type StartedNetwork, type StartedTestContainer } from 'testcontainers';
import { freePort } from '../process/free-port.ts';
import { randomClusterId } from '../native/kafka.ts';
import type { ServiceName, Stack, StackInfo, StackOptions } from '../types.ts';
import { registryInfo } from '../registry-info.ts';
import { CONTAINER_POSTGRES_PASSWORD, CONTAINER_S3_PASSWORD, CONTAINER_S3_USER, planStack, type ContainerSpec } from './plan.ts';

// The containers runtime: testcontainers 11.x (12.x needs Node 22) on one Docker network.

/** True when testcontainers finds a container engine (used by --runtime auto). */
export async function hasContainerEngine(): Promise<boolean> {
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function startSpec(spec: ContainerSpec, network: StartedNetwork): Promise<StartedTestContainer> {
  let container = new GenericContainer(spec.image).withNetwork(network).withNetworkAliases(spec.alias).withEnvironment(spec.env);
  if (spec.command) container = container.withCommand(spec.command);
  for (const port of spec.ports) {
    container = container.withExposedPorts(port.sameOnHost ? { container: port.container, host: port.container } : port.container);
  }
  const wait = spec.waitFor.http
    ? Wait.forHttp(spec.waitFor.http.path, spec.waitFor.http.port)
    : Wait.forLogMessage(spec.waitFor.log ?? '');
  return container.withWaitStrategy(wait).withStartupTimeout(180_000).start();
}

export class ContainersStack implements Stack {
  readonly info: StackInfo;
  private readonly containers: Map<string, StartedTestContainer>;
  private readonly network: StartedNetwork;
  private readonly logs: Map<string, string[]>;
  constructor(
    info: StackInfo,
    containers: Map<string, StartedTestContainer>,
    network: StartedNetwork,
    logs: Map<string, string[]>,
  ) {
    this.info = info;
    this.containers = containers;
    this.network = network;
    this.logs = logs;
  }

  logTail(service: ServiceName, lines = 40): string {
    return (this.logs.get(service) ?? []).slice(-lines).join('\n');
  }

  async stop(): Promise<void> {
    for (const container of [...this.containers.values()].reverse()) await container.stop().catch(() => {});
    this.containers.clear();
    await this.network.stop().catch(() => {});
  }
}

export async function startContainersStack(options: StackOptions): Promise<ContainersStack> {
  const progress = options.onProgress ?? (() => {});
  const mode = options.kafka ?? 'kraft';
  const plan = planStack(mode, new Set(options.with ?? []), await freePort(), randomClusterId());
  const network = await new Network().start();
  const containers = new Map<string, StartedTestContainer>();
  const logs = new Map<string, string[]>();
  const start = async (service: string, spec: ContainerSpec) => {
    progress(`starting ${spec.image}`);
    const container = await startSpec(spec, network);
    containers.set(service, container);
    const lines: string[] = [];
    logs.set(service, lines);
    (await container.logs()).on('data', (line: string | Buffer) => {
      lines.push(String(line).trimEnd());
      if (lines.length > 500) lines.shift();
    });
    return container;
  };
  try {
    const [postgres] = await Promise.all([
      start('postgres', plan.postgres),
      (async () => {
        for (const spec of plan.kafka) await start(spec.alias, spec);
      })(),
    ]);
    const kafkaPort = plan.kafka.at(-1)!.ports[0]!.container;
    // the registry first: Connect's converters reach it as http://registry:8080
    const registry = plan.registry ? await start('registry', plan.registry) : undefined;
    const connect = plan.connect ? await start('connect', plan.connect) : undefined;
    const s3 = plan.s3 ? await start('s3', plan.s3) : undefined;
    const pgPort = postgres.getMappedPort(5432);
    const info: StackInfo = {
      runtime: 'containers',
      postgres: {
        host: postgres.getHost(),
        port: pgPort,
        user: 'postgres',
        password: CONTAINER_POSTGRES_PASSWORD,
        database: 'postgres',
        url: `postgres://postgres:${CONTAINER_POSTGRES_PASSWORD}@${postgres.getHost()}:${pgPort}/postgres`,
      },
      kafka: { mode, bootstrapServers: [`localhost:${kafkaPort}`] },
      connect: connect ? { url: `http://${connect.getHost()}:${connect.getMappedPort(8083)}`, postgresHost: 'postgres', postgresPort: 5432 } : undefined,
      s3: s3
        ? { endpoint: `http://${s3.getHost()}:${s3.getMappedPort(9000)}`, region: 'us-east-1', accessKeyId: CONTAINER_S3_USER, secretAccessKey: CONTAINER_S3_PASSWORD, forcePathStyle: true }
        : undefined,
      registry: registry ? registryInfo(`http://${registry.getHost()}:${registry.getMappedPort(8080)}`, 'registry', 'http://registry:8080') : undefined,
    };
    return new ContainersStack(info, containers, network, logs);
  } catch (error) {
    for (const container of containers.values()) await container.stop().catch(() => {});
    await network.stop().catch(() => {});
    throw error;
  }
}
