// What --keep prints: how to reach each service of the stack left running.
import { labDatabase, labUrl } from '../harness/kit/lab-resources.ts';
import type { StackInfo } from '../harness/runtime/types.ts';

export function connectionHelp(stack: StackInfo, labId: string): string {
  const db = labDatabase(labId);
  const lines = [
    '',
    'The stack stays up. Connect with:',
    `  psql            psql "${labUrl(stack, db)}"`,
    `  Kafka           --bootstrap-server ${stack.kafka.bootstrapServers.join(',')}`,
    `  Kafka Connect   ${stack.connect?.url ?? 'not started (the native engine runs inside this process)'}`,
    `  S3              ${stack.s3 === undefined ? 'not started (this lab needs none)' : `${stack.s3.endpoint} (region ${stack.s3.region}, key ${stack.s3.accessKeyId})`}`,
  ];
  if (stack.kafka.zookeeperConnect !== undefined) lines.push(`  ZooKeeper       ${stack.kafka.zookeeperConnect}`);
  lines.push('Press Ctrl-C to stop everything.');
  return lines.join('\n');
}
