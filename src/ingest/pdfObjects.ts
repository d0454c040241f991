// A PDF's objects read straight from its bytes, one at a time as they are asked for: enough to find a scanned
// page's own image and hand its JPEG, as stored, to a decoder. pdf.js decodes every image it meets into RGB (a grey
// scan's every pixel three times over, through an iterator), which was a third of a page's time outside the OCR.
// What this reader does not follow (a damaged cross-reference table, a filter other than Flate where it must
// inflate, a predictor other than PNG's) throws, and the caller goes the way it always went, through pdf.js.
import { inflateSync } from 'node:zlib';
import { MAX_STREAM_BYTES } from './pdfBomb.js';

export class Name {
  constructor(readonly name: string) {}
}

export class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

export type PdfDict = Map<string, PdfValue>;
export interface PdfStream {
  dict: PdfDict;
  /** the stream's bytes as stored (still encoded), a view of the file's bytes */
  data: Uint8Array;
}
export type PdfValue = number | boolean | null | string | Name | Ref | PdfValue[] | PdfDict | PdfStream;

class PdfSyntaxError extends Error {}

const fail = (what: string): never => {
  throw new PdfSyntaxError(what);
};

/** Whitespace (0 9 10 12 13 32) and delimiters, by byte. */
const SPACE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) SPACE[c] = 1;
const DELIMITER = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;
const isDigit = (c: number | undefined) => c !== undefined && c >= 48 && c <= 57;

/** PDF's object syntax (ISO 32000-1, 7.2–7.3) from a position in a byte array. */
class Lexer {
  constructor(
    readonly b: Uint8Array,
    public pos: number,
  ) {}

  skipSpace(): void {
    const b = this.b;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (SPACE[c]) this.pos++;
      else if (c === 37) while (this.pos < b.length && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++;
      else break;
    }
  }

  /** The keyword or number at the position (a run of regular characters). */
  word(): string {
    this.skipSpace();
    const start = this.pos;
    while (this.pos < this.b.length && !SPACE[this.b[this.pos]!] && !DELIMITER[this.b[this.pos]!]) this.pos++;
    return String.fromCharCode(...this.b.subarray(start, this.pos));
  }

  int(): number {
    const w = this.word();
    if (!/^\d+$/.test(w)) fail(`a whole number expected, "${w}" found`);
    return Number(w);
  }

  startsWith(s: string): boolean {
    for (let i = 0; i < s.length; i++) if (this.b[this.pos + i] !== s.charCodeAt(i)) return false;
    return true;
  }

  value(): PdfValue {
    this.skipSpace();
    const b = this.b;
    const c = b[this.pos];
    if (c === undefined) return fail('the file ends inside an object');
    if (c === 91) {
      this.pos++;
      const out: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (b[this.pos] === 93) {
          this.pos++;
          return out;
        }
        out.push(this.value());
      }
    }
    if (c === 60 && b[this.pos + 1] === 60) {
      this.pos += 2;
      const out: PdfDict = new Map();
      for (;;) {
        this.skipSpace();
        if (b[this.pos] === 62 && b[this.pos + 1] === 62) {
          this.pos += 2;
          return out;
        }
        const key = this.value();
        if (!(key instanceof Name)) return fail('a dictionary key that is not a name');
        out.set(key.name, this.value());
      }
    }
    if (c === 60) return this.hexString();
    if (c === 40) return this.literalString();
    if (c === 47) {
      this.pos++;
      const start = this.pos;
      while (this.pos < b.length && !SPACE[b[this.pos]!] && !DELIMITER[b[this.pos]!]) this.pos++;
      const raw = String.fromCharCode(...b.subarray(start, this.pos));
      return new Name(raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
    }
    const w = this.word();
    if (w === '') return fail(`an unexpected "${String.fromCharCode(c)}"`);
    if (w === 'true' || w === 'false') return w === 'true';
    if (w === 'null') return null;
    const n = Number(w);
    if (!Number.isFinite(n) || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) return fail(`"${w}" is no value`);
    // "12 0 R": a reference, when a whole number, another and an R follow.
    if (/^\d+$/.test(w)) {
      const back = this.pos;
      this.skipSpace();
      if (isDigit(b[this.pos])) {
        const gen = this.word();
        this.skipSpace();
        if (/^\d+$/.test(gen) && b[this.pos] === 82 && (this.pos + 1 >= b.length || SPACE[b[this.pos + 1]!] || DELIMITER[b[this.pos + 1]!])) {
          this.pos++;
          return new Ref(n, Number(gen));
        }
      }
      this.pos = back;
    }
    return n;
  }

  private hexString(): string {
    const end = this.b.indexOf(62, this.pos);
    if (end < 0) return fail('an unterminated hex string');
    const hex = String.fromCharCode(...this.b.subarray(this.pos + 1, end)).replace(/[^0-9A-Fa-f]/g, '');
    this.pos = end + 1;
    return (hex.length % 2 ? `${hex}0` : hex).replace(/../g, (h) => String.fromCharCode(parseInt(h, 16)));
  }

  /** A literal string: balanced parentheses may nest, a backslash escapes the next character. */
  private literalString(): string {
    const b = this.b;
    let depth = 0;
    const start = this.pos;
    for (; this.pos < b.length; this.pos++) {
      const c = b[this.pos]!;
      if (c === 92) this.pos++;
      else if (c === 40) depth++;
      else if (c === 41 && --depth === 0) {
        this.pos++;
        return String.fromCharCode(...b.subarray(start + 1, this.pos - 1));
      }
    }
    return fail('an unterminated string');
  }
}

type Entry = { offset: number } | { stream: number; index: number };

/** Flate (the only filter an object stream or a cross-reference stream is found with in practice), then PNG's
 *  row predictors, which cross-reference streams use. */
function inflate(s: PdfStream, resolve: (v: PdfValue) => PdfValue): Uint8Array {
  const filter = resolve(s.dict.get('Filter') ?? null);
  const filters = filter === null ? [] : Array.isArray(filter) ? filter.map(resolve) : [filter];
  if (filters.length === 0) return s.data;
  if (filters.length !== 1 || !(filters[0] instanceof Name) || filters[0].name !== 'FlateDecode') return fail('a filter other than Flate');
  const data = new Uint8Array(inflateSync(s.data, { maxOutputLength: MAX_STREAM_BYTES }));
  let parms = resolve(s.dict.get('DecodeParms') ?? null);
  if (Array.isArray(parms)) parms = resolve(parms[0] ?? null);
  if (!(parms instanceof Map)) return data;
  const num = (k: string, d: number) => {
    const v = resolve(parms.get(k) ?? null);
    return typeof v === 'number' ? v : d;
  };
  const predictor = num('Predictor', 1);
  if (predictor === 1) return data;
  if (predictor < 10) return fail(`predictor ${predictor}`);
  const bits = num('Colors', 1) * num('BitsPerComponent', 8);
  const bpp = Math.max(1, Math.ceil(bits / 8));
  const rowLen = Math.ceil((num('Columns', 1) * bits) / 8);
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = new Uint8Array(rows * rowLen);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)]!;
    const src = r * (rowLen + 1) + 1;
    const at = r * rowLen;
    for (let i = 0; i < rowLen; i++) {
      const left = i >= bpp ? out[at + i - bpp]! : 0;
      const up = r > 0 ? out[at - rowLen + i]! : 0;
      const upLeft = r > 0 && i >= bpp ? out[at - rowLen + i - bpp]! : 0;
      let pred = 0;
      if (type === 1) pred = left;
      else if (type === 2) pred = up;
      else if (type === 3) pred = (left + up) >> 1;
      else if (type === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        pred = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      } else if (type !== 0) fail(`PNG row filter ${type}`);
      out[at + i] = (data[src + i]! + pred) & 255;
    }
  }
  return out;
}

/** The objects of a PDF, found through its cross-reference sections (tables or streams, newest first). */
export class PdfObjects {
  private readonly cache = new Map<number, PdfValue>();
  private readonly objectStreams = new Map<number, { data: Uint8Array; offsets: Map<number, number> }>();

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly entries: Map<number, Entry>,
  ) {}

  /** The reader, or null when the cross-reference sections cannot be followed (pdf.js rebuilds those; we do not). */
  static open(bytes: Uint8Array): PdfObjects | null {
    try {
      const objects = new PdfObjects(bytes, new Map());
      objects.readXref();
      return objects;
    } catch (err) {
      if (isUnreadable(err)) return null;
      throw err;
    }
  }

  /** The object's value (a reference followed to the end), or throws where the file does not hold together. */
  resolve(v: PdfValue): PdfValue {
    for (let hops = 0; v instanceof Ref; hops++) {
      if (hops > 32) return fail('a loop of references');
      v = this.get(v.num);
    }
    return v;
  }

  get(num: number): PdfValue {
    if (this.cache.has(num)) return this.cache.get(num)!;
    const entry = this.entries.get(num);
    let v: PdfValue = null;
    if (entry && 'offset' in entry) v = this.objectAt(entry.offset, num);
    else if (entry) v = this.fromObjectStream(entry.stream, num);
    this.cache.set(num, v);
    return v;
  }

  /** `num gen obj value [stream … endstream]` at the offset. */
  private objectAt(offset: number, num?: number): PdfValue {
    const lex = new Lexer(this.bytes, offset);
    const n = lex.int();
    lex.int();
    if (lex.word() !== 'obj') fail(`no object at ${offset}`);
    if (num !== undefined && n !== num) fail(`object ${num} is not at ${offset}`);
    const value = lex.value();
    lex.skipSpace();
    if (!(value instanceof Map) || !lex.startsWith('stream')) return value;
    // The data start after the keyword's end of line (CR LF or LF).
    let start = lex.pos + 6;
    if (this.bytes[start] === 13) start++;
    if (this.bytes[start] === 10) start++;
    const length = this.resolve(value.get('Length') ?? null);
    if (typeof length !== 'number' || length < 0 || start + length > this.bytes.length) return fail(`a stream of no length at ${offset}`);
    const after = new Lexer(this.bytes, start + length);
    after.skipSpace();
    if (!after.startsWith('endstream')) fail(`a stream's length is wrong at ${offset}`);
    return { dict: value, data: this.bytes.subarray(start, start + length) };
  }

  private fromObjectStream(stream: number, num: number): PdfValue {
    let objStm = this.objectStreams.get(stream);
    if (!objStm) {
      const s = this.get(stream);
      if (!isStream(s)) return fail(`object stream ${stream} is no stream`);
      const data = inflate(s, (v) => this.resolve(v));
      const count = this.resolve(s.dict.get('N') ?? null);
      const first = this.resolve(s.dict.get('First') ?? null);
      if (typeof count !== 'number' || typeof first !== 'number') return fail(`object stream ${stream} has no N or First`);
      const head = new Lexer(data, 0);
      const offsets = new Map<number, number>();
      for (let k = 0; k < count; k++) {
        const n = head.int();
        offsets.set(n, first + head.int());
      }
      objStm = { data, offsets };
      this.objectStreams.set(stream, objStm);
    }
    const at = objStm.offsets.get(num);
    if (at === undefined) return fail(`object ${num} is not in object stream ${stream}`);
    return new Lexer(objStm.data, at).value();
  }

  /** Every cross-reference section from `startxref` on, through /Prev (and a hybrid file's /XRefStm). */
  private readXref(): void {
    const b = this.bytes;
    const tail = String.fromCharCode(...b.subarray(Math.max(0, b.length - 1024)));
    const m = /startxref\s+(\d+)/.exec(tail.slice(tail.lastIndexOf('startxref')));
    if (!m) fail('no startxref');
    const queue = [Number(m![1])];
    const seen = new Set<number>();
    while (queue.length) {
      const offset = queue.shift()!;
      if (seen.has(offset) || seen.size > 64) continue;
      seen.add(offset);
      const lex = new Lexer(b, offset);
      lex.skipSpace();
      let trailer: PdfValue;
      if (lex.startsWith('xref')) {
        lex.pos += 4;
        for (;;) {
          lex.skipSpace();
          if (lex.startsWith('trailer')) {
            lex.pos += 7;
            break;
          }
          const first = lex.int();
          const count = lex.int();
          for (let k = 0; k < count; k++) {
            const at = lex.int();
            lex.int();
            const kind = lex.word();
            if (kind !== 'n' && kind !== 'f') fail(`a cross-reference entry of kind "${kind}"`);
            // Newer sections are read first: what they say of an object stands.
            if (kind === 'n' && !this.entries.has(first + k)) this.entries.set(first + k, { offset: at });
          }
        }
        trailer = lex.value();
      } else {
        const s = this.objectAt(offset);
        if (!isStream(s) || !isName(s.dict.get('Type'), 'XRef')) return fail(`no cross-reference section at ${offset}`);
        this.readXrefStream(s);
        trailer = s.dict;
      }
      if (!(trailer instanceof Map)) return fail('no trailer');
      const stm = trailer.get('XRefStm');
      if (typeof stm === 'number') queue.unshift(stm);
      const prev = trailer.get('Prev');
      if (typeof prev === 'number') queue.push(prev);
    }
  }

  private readXrefStream(s: PdfStream): void {
    const data = inflate(s, (v) => v);
    const w = s.dict.get('W');
    if (!Array.isArray(w) || w.length !== 3 || !w.every((x) => typeof x === 'number')) return fail('a cross-reference stream without W');
    const [w0, w1, w2] = w as number[];
    const size = s.dict.get('Size');
    const index = (s.dict.get('Index') ?? [0, size]) as PdfValue[];
    const field = (at: number, width: number, d: number) => {
      if (width === 0) return d;
      let v = 0;
      for (let i = 0; i < width; i++) v = v * 256 + data[at + i]!;
      return v;
    };
    let at = 0;
    for (let k = 0; k + 1 < index.length; k += 2) {
      const first = index[k];
      const count = index[k + 1];
      if (typeof first !== 'number' || typeof count !== 'number') return fail('a cross-reference stream with a bad Index');
      for (let j = 0; j < count; j++, at += w0! + w1! + w2!) {
        if (at + w0! + w1! + w2! > data.length) return fail('a cross-reference stream cut short');
        const type = field(at, w0!, 1);
        const a = field(at + w0!, w1!, 0);
        const c = field(at + w0! + w1!, w2!, 0);
        if (this.entries.has(first + j)) continue;
        if (type === 1) this.entries.set(first + j, { offset: a });
        else if (type === 2) this.entries.set(first + j, { stream: a, index: c });
      }
    }
  }
}

/** An error of a file this reader cannot follow (its syntax, a stream that does not inflate), not of the code. */
export function isUnreadable(err: unknown): boolean {
  return err instanceof PdfSyntaxError || err instanceof RangeError || String((err as { code?: unknown }).code ?? '').startsWith('Z_');
}

export function isStream(v: PdfValue): v is PdfStream {
  return typeof v === 'object' && v !== null && 'dict' in v && 'data' in v;
}

export function isName(v: PdfValue | undefined, name: string): boolean {
  return v instanceof Name && v.name === name;
}
