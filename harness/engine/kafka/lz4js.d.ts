// lz4js 0.2.0 ships no types: the two calls kafkajs-lz4.ts uses.
declare module 'lz4js' {
  export function compress(src: Uint8Array, maxSize?: number): Uint8Array;
  export function decompress(src: Uint8Array, maxSize?: number): Uint8Array;
  const lz4: { compress: typeof compress; decompress: typeof decompress };
  export default lz4;
}
