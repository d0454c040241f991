// The name model (scripts/build-names.ts): ln P(capitalised inside a sentence | syllable), from the corpus.
import { readFileSync } from 'node:fs';

export const NAMES_FORMAT = 'vnplan-names/1';

/** A syllable the corpus barely has: as likely a name's as not. */
const UNSEEN = Math.log(0.5);

export class NameModel {
  private forms: Map<string, number> | undefined;
  private readonly read: () => Map<string, number>;

  /** `forms`: the model's table, or how to read it when it is first asked. */
  constructor(forms: Map<string, number> | (() => Map<string, number>)) {
    this.read = forms instanceof Map ? () => forms : forms;
  }

  /** The model in the file, read when it is first asked: text in the Vietnamese style (a scan's OCR, unless a
   *  paragraph of it reads as typed without marks) weighs no names, so most scans' conversions never read it (a
   *  seventh of a second of a run's start). */
  static load(file: string): NameModel {
    return new NameModel(() => {
      const f = JSON.parse(readFileSync(file, 'utf8')) as { format: string; forms: Record<string, number> };
      if (f.format !== NAMES_FORMAT) throw new Error(`${file}: not a ${NAMES_FORMAT} file`);
      return new Map(Object.entries(f.forms));
    });
  }

  /** ln P(written with a capital inside a sentence | the syllable, LM form) */
  capitalised(form: string): number {
    return (this.forms ??= this.read()).get(form) ?? UNSEEN;
  }
}
