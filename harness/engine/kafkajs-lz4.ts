// LZ4 for kafkajs, which ships only gzip. A topic created with compression.type=lz4 (the seed's
// topic.creation.default.compression.type) makes the broker store every batch LZ4-compressed
// whatever the producer sent, so every kafkajs consumer of it (our sinks, the lab readers) needs the
// codec. Kafka's LZ4 batches are standard LZ4 frames (KafkaLZ4BlockOutputStream, KIP-57 fixed the
// header checksum), which lz4js reads and writes. Importing this module registers the codec once
// for the whole process (kafkajs keeps codecs in a module-level table).
import kafkajs from 'kafkajs';
import lz4 from 'lz4js';

const { CompressionCodecs, CompressionTypes } = kafkajs;

// kafkajs' table holds a stub for LZ4 that throws "LZ4 compression not implemented": replace it.
export function registerLz4(): void {
  CompressionCodecs[CompressionTypes.LZ4] = () => ({
    compress: async (encoder: { buffer: Buffer }) => Buffer.from(lz4.compress(encoder.buffer)),
    decompress: async (buffer: Buffer) => Buffer.from(lz4.decompress(buffer)),
  });
}

registerLz4();
