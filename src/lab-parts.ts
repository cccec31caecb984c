// Long labs read in parts: each part starts at the step named here. The lab-data plugin fails the
// build when a name matches no step, so a renamed step cannot silently fall out of its part.
// Labs not listed here render their steps without parts.

export interface LabPart {
  title: string;
  /** the title of the part's first step */
  from: string;
}

export const LAB_PARTS: Record<string, LabPart[]> = {
  monitoring: [
    { title: 'Status and slot lag', from: 'Create the tables' },
    { title: 'Heartbeats', from: 'The idle-table trap: only an uncaptured table writes' },
    { title: 'Paused: the WAL it retains', from: 'Pause the connector' },
    { title: 'A failed task and its restart', from: 'Break the task' },
    { title: 'A lost slot', from: 'Pause it again' },
  ],
  'snapshot-modes': [
    { title: 'The bike store and the initial mode', from: 'Create the bike store' },
    { title: 'Restart and incremental snapshot', from: 'Stop the initial connector' },
    { title: 'always', from: 'always: first start' },
    { title: 'initial_only', from: 'initial_only: first start' },
    { title: 'no_data', from: 'no_data: first start' },
    { title: 'when_needed', from: 'when_needed: first start' },
    { title: 'configuration_based', from: 'configuration_based: first start' },
    { title: 'initial without its slot', from: 'initial: lose the slot' },
  ],
  'dead-letter-queue': [
    { title: 'The pipeline', from: 'Create the source table' },
    { title: 'errors.tolerance=none', from: 'Register the sink with errors.tolerance=none' },
    { title: 'errors.tolerance=all and a dead letter queue', from: 'Register the sink with errors.tolerance=all and a dead letter queue' },
    { title: 'What the queue holds', from: 'Read the dead letter queue with its headers' },
  ],
  'zookeeper-vs-kraft': [
    { title: 'Two clusters, one pipeline', from: 'Start Kafka with ZooKeeper and with KRaft' },
    { title: 'Metadata and failover', from: 'Where ZooKeeper mode keeps the metadata' },
    { title: 'Migration to KRaft', from: 'Migration: add a KRaft controller to a ZooKeeper cluster' },
    { title: 'Bad input', from: 'Bad input: ZooKeeper settings plus process.roles' },
  ],
};
