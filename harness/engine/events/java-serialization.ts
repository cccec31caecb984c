// The bytes java.io.ObjectOutputStream writes for one String (writeObject): the stream header, then
// TC_STRING with a 2-byte length, or TC_LONGSTRING with an 8-byte length past 65535 bytes, then the
// string in modified UTF-8 (DataOutput.writeUTF: U+0000 as two bytes, each UTF-16 unit on its own, so
// a character outside the BMP is two 3-byte surrogates). MaskStrings' V1 hashing digests these bytes.

const STREAM_HEADER = [0xac, 0xed, 0x00, 0x05]; // STREAM_MAGIC, STREAM_VERSION
const TC_STRING = 0x74;
const TC_LONGSTRING = 0x7c;

export function modifiedUtf8(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x0001 && c <= 0x007f) out.push(c);
    else if (c <= 0x07ff) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Buffer.from(out);
}

/** new ObjectOutputStream(bos).writeObject(s); bos.toByteArray() */
export function javaSerializedString(s: string): Buffer {
  const utf = modifiedUtf8(s);
  let head: Buffer;
  if (utf.length <= 0xffff) {
    head = Buffer.alloc(3);
    head[0] = TC_STRING;
    head.writeUInt16BE(utf.length, 1);
  } else {
    head = Buffer.alloc(9);
    head[0] = TC_LONGSTRING;
    head.writeBigUInt64BE(BigInt(utf.length), 1);
  }
  return Buffer.concat([Buffer.from(STREAM_HEADER), head, utf]);
}
