// The models' binary files: a 4-byte magic, then sections, each a u32 (little-endian) length and its bytes.

type Section = Buffer | ArrayBufferView;

/** The file of `magic` and these sections (typed arrays as their bytes). */
export function writeSections(magic: string, sections: Section[]): Buffer {
  const parts: Buffer[] = [Buffer.from(magic, 'latin1')];
  for (const s of sections) {
    const bytes = Buffer.isBuffer(s) ? s : Buffer.from(s.buffer, s.byteOffset, s.byteLength);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(bytes.length);
    parts.push(length, bytes);
  }
  return Buffer.concat(parts);
}

/** Reads a file's sections in order. */
export class SectionReader {
  private at = 4;

  constructor(
    private readonly buf: Buffer,
    magic: string,
    /** what the file is, for the error when it is not one */
    what: string,
  ) {
    if (buf.toString('latin1', 0, 4) !== magic) throw new Error(`not a ${what}`);
  }

  bytes(): Buffer {
    const n = this.buf.readUInt32LE(this.at);
    const part = this.buf.subarray(this.at + 4, this.at + 4 + n);
    this.at += 4 + n;
    return part;
  }

  text(): string {
    return this.bytes().toString();
  }

  /**
   * The next section as a typed array: a view of the file's bytes where the section starts on a multiple of its
   * element's size, as a typed array's must; otherwise copied into a buffer of its own. (A copy of every section was
   * the model's size again in fresh memory at each start: ~3.5 k page faults, ~35 ms, for the language model.) The views
   * keep the file's buffer alive, and are read, never written.
   */
  array<T>(ctor: { new (b: ArrayBuffer, offset?: number, length?: number): T; readonly BYTES_PER_ELEMENT: number }): T {
    const b = this.bytes();
    const size = ctor.BYTES_PER_ELEMENT;
    if (b.byteOffset % size === 0 && b.length % size === 0) return new ctor(b.buffer as ArrayBuffer, b.byteOffset, b.length / size);
    return new ctor(b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer);
  }
}
