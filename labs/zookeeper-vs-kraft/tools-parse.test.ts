// The lab's parsers, on output and log lines copied from real Kafka 3.9.1 runs.
import { describe, expect, it } from 'vitest';
import { leaderTimes } from './failover.ts';
import { driverStates } from './migration.ts';
import { parseStatus, stableStatus, voterIds } from './tools.ts';

const STATUS = [
  'ClusterId:              VszL7H9wcr_DdqgJ_digcA',
  'LeaderId:               2',
  'LeaderEpoch:            3',
  'HighWatermark:          11',
  'MaxFollowerLag:         0',
  'MaxFollowerLagTimeMs:   0',
  'CurrentVoters:          [{"id": 1, "directoryId": null, "endpoints": ["CONTROLLER://127.0.0.1:34989"]}, {"id": 2, "directoryId": null, "endpoints": ["CONTROLLER://127.0.0.1:34990"]}]',
  'CurrentObservers:       []',
];

describe('kafka-metadata-quorum describe --status', () => {
  it('parses fields whose values hold colons', () => {
    const s = parseStatus(STATUS);
    expect(s.LeaderId).toBe('2');
    expect(voterIds(s)).toEqual([1, 2]);
  });
  it('keeps the leader and voters, and names what changes from run to run', () => {
    const s = stableStatus(parseStatus(STATUS));
    expect(s).toMatchObject({ ClusterId: '<random cluster id>', LeaderId: '2', HighWatermark: '<offset>', CurrentObservers: [] });
    expect((s.CurrentVoters as Array<{ endpoints: string[] }>)[0]?.endpoints).toEqual(['CONTROLLER://127.0.0.1:34989']);
  });
});

describe('log lines', () => {
  it('finds when a node became Raft leader', () => {
    const log = [
      '[2026-11-21 12:31:22,015] INFO [RaftManager id=1] Completed transition to CandidateState(localId=1, epoch=1) (org.apache.kafka.raft.QuorumState)',
      '[2026-11-21 12:31:22,020] INFO [RaftManager id=1] Completed transition to Leader(localReplicaKey=ReplicaKey(id=1), epoch=1) (org.apache.kafka.raft.QuorumState)',
    ].join('\n');
    expect(leaderTimes(log)).toEqual([new Date(2026, 10, 21, 12, 31, 22, 20).getTime()]);
  });
  it("lists the migration driver's state changes", () => {
    const log = [
      '[2026-11-21 12:52:51,897] INFO [KRaftMigrationDriver id=3000] 3000 transitioning from INACTIVE to WAIT_FOR_CONTROLLER_QUORUM state (org.apache.kafka.metadata.migration.KRaftMigrationDriver)',
      '[2026-11-21 12:52:51,898] INFO [KRaftMigrationDriver id=3000] Expected driver state WAIT_FOR_CONTROLLER_QUORUM but found WAIT_FOR_BROKERS. Not running this event WaitForControllerQuorumEvent. (org.apache.kafka.metadata.migration.KRaftMigrationDriver)',
      '[2026-11-21 12:52:51,898] INFO [KRaftMigrationDriver id=3000] 3000 transitioning from WAIT_FOR_CONTROLLER_QUORUM to WAIT_FOR_BROKERS state (org.apache.kafka.metadata.migration.KRaftMigrationDriver)',
    ].join('\n');
    expect(driverStates({ logTail: () => log } as never)).toEqual(['INACTIVE → WAIT_FOR_CONTROLLER_QUORUM', 'WAIT_FOR_CONTROLLER_QUORUM → WAIT_FOR_BROKERS']);
  });
});
