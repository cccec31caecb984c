// Starts a connector that is expected to fail, outside the lab's running connectors (the kit runs
// one source at a time and keeps a started one until a DELETE step), and returns every error text
// it produced: the refused start, or the FAILED connector's or task's trace. Always stopped after.
import { parseConnectorJson, withStackConnection } from '../../harness/kit/connector-config.ts';
import { engineDriver, type EngineHandle } from '../../harness/kit/engine-driver.ts';
import { waitUntil, type StepContext } from '../../harness/kit/index.ts';

export async function failedAttempt(ctx: StepContext, file: string): Promise<string> {
  const { name, config } = parseConnectorJson(ctx.lab.files[file] ?? '', ctx.lab.id);
  const driver = engineDriver(ctx.engineName, { stack: ctx.stack, database: ctx.database });
  let handle: EngineHandle | undefined;
  try {
    handle = await driver.start({ name, config: withStackConnection(config, ctx.stack, ctx.database), bootstrapServers: ctx.stack.kafka.bootstrapServers, log: () => undefined });
    let trace = '';
    let last = '';
    const started = handle;
    await waitUntil(async () => {
      const s = await started.status();
      last = JSON.stringify(s);
      const failed = [s.connector, ...s.tasks].find((x) => x.state === 'FAILED');
      if (failed !== undefined) trace = failed.trace ?? 'FAILED without a trace';
      return failed !== undefined;
    }, 30_000, `connector ${name} to fail`, 250).catch((e: Error) => {
      trace = `${e.message}; last status ${last}`;
    });
    return trace;
  } catch (err) {
    // a refused start: Kafka Connect's 400 body has the validation message JSON-escaped
    return (err instanceof Error ? err.message : String(err)).replaceAll('\\"', '"');
  } finally {
    await handle?.stop().catch(() => undefined);
  }
}
