// The name model (scripts/build-names.ts): ln P(capitalised inside a sentence | syllable), from the corpus.
import { readFileSync } from 'node:fs';

export const NAMES_FORMAT = 'vnplan-names/1';

/** A syllable the corpus barely has: as likely a name's as not. */
const UNSEEN = Math.log(0.5);

export class NameModel {
  constructor(private readonly forms: Map<string, number>) {}

  static load(file: string): NameModel {
    const f = JSON.parse(readFileSync(file, 'utf8')) as { format: string; forms: Record<string, number> };
    if (f.format !== NAMES_FORMAT) throw new Error(`${file}: not a ${NAMES_FORMAT} file`);
    return new NameModel(new Map(Object.entries(f.forms)));
  }

  /** ln P(written with a capital inside a sentence | the syllable, LM form) */
  capitalised(form: string): number {
    return this.forms.get(form) ?? UNSEEN;
  }
}
