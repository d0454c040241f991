// parse() of the library: a plan from text that is already clean Vietnamese.
import { newDoc } from '../model/document.js';
import type { Plan } from '../model/plan.js';
import { normalise } from '../normalise/normalise.js';
import { createHash } from 'node:crypto';
import { validate } from '../validate/validate.js';
import { parse } from './parse.js';

export function parseText(text: string, file = '<text>'): Plan {
  const doc = newDoc(file, createHash('sha256').update(text).digest('hex'), 'text');
  doc.pages = [{ number: 1, method: 'text', reason: 'text input', lines: text.replace(/\r\n?/g, '\n').split('\n') }];
  return validate(parse(normalise(doc))).plan!;
}
