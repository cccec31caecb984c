// `npm run env -- up [--kafka kraft|zookeeper] [--with connect,s3,registry]`: a sandbox for workshops.
import { describeConnections } from '../harness/runtime/connection-help.ts';
import { startStack } from '../harness/runtime/index.ts';
import { ENV_USAGE, parseEnvArgs } from './env-args.ts';

let options;
try {
  options = parseEnvArgs(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${ENV_USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(ENV_USAGE);
  process.exit(0);
}
const started = Date.now();
try {
  const stack = await startStack({ ...options, onProgress: (line) => console.log(`  ${line}`) });
  console.log(`\nStack up in ${((Date.now() - started) / 1000).toFixed(1)} s (${stack.info.runtime} runtime):\n`);
  console.log(describeConnections(stack.info));
  console.log('\nPress Ctrl-C to stop everything.');
  // the runtime's signal handler stops the servers on Ctrl-C; keep the event loop alive until then
  setInterval(() => {}, 60_000);
} catch (error) {
  console.error(`\n${(error as Error).message}`);
  process.exit(1);
}
