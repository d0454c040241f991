// Command-line inputs → files: plain paths, directories (searched recursively for inputs), globs, and "-".
import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { INPUT_EXTENSIONS } from '../ingest/detect.js';

export interface InputFile {
  /** the path as it will be reported ("-" for standard input) */
  path: string;
  /** the folder the user named, when the file was found by walking it (keeps the tree under --out-dir) */
  root?: string;
}

export interface InputProblem {
  path: string;
  reason: string;
}

export async function expandInputs(args: string[]): Promise<{ files: InputFile[]; problems: InputProblem[] }> {
  const files: InputFile[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const add = (f: InputFile) => {
    const k = f.path === '-' ? '-' : resolve(f.path);
    if (!seen.has(k)) {
      seen.add(k);
      files.push(f);
    }
  };
  for (const arg of args) {
    if (arg === '-') {
      add({ path: '-' });
      continue;
    }
    const st = await stat(arg).catch((err: NodeJS.ErrnoException) => err);
    if (!(st instanceof Error)) {
      if (st.isDirectory()) {
        const found = await glob(INPUT_EXTENSIONS.map((e) => `**/*${e}`), {
          cwd: arg,
          caseSensitiveMatch: false,
          ignore: ['**/node_modules/**', '**/*.plan.json', '**/*.plan.yaml'],
        });
        if (found.length === 0) problems.push({ path: arg, reason: `no inputs in this directory (looked for ${INPUT_EXTENSIONS.join(' ')})` });
        for (const f of found.sort()) add({ path: `${arg.replace(/\/+$/, '')}/${f}`, root: arg });
      } else add({ path: arg });
      continue;
    }
    if (isDynamicPattern(arg)) {
      const found = await glob(arg, { ignore: ['**/node_modules/**'] });
      if (found.length === 0) problems.push({ path: arg, reason: 'no file matches this pattern' });
      for (const f of found.sort()) add({ path: f });
      continue;
    }
    const code = st.code;
    problems.push({
      path: arg,
      reason: code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? st.message})`,
    });
  }
  return { files, problems };
}

/** Where NAME.ext's plan goes: NAME.plan.json next to it, or under --out-dir (keeping the folder tree). */
export function outputPath(input: InputFile, format: 'json' | 'yaml', outDir?: string): string {
  const base = input.path.replace(/\.[^./\\]+$/, '');
  const name = `${base}.plan.${format}`;
  if (!outDir) return name;
  const rel = input.root ? relative(input.root, name) : name.split(/[/\\]/).pop()!;
  return resolve(outDir, rel);
}

/**
 * Inputs whose plan file would be another input's ("a.pdf" and "a.txt" are both "a.plan.json"; "x/a.pdf" and
 * "y/a.pdf" under one --out-dir): each such input with the earlier input that has its output. Converting both would
 * leave one plan, the other reported up to date.
 */
export function sharedOutputs(files: InputFile[], format: 'json' | 'yaml', outDir?: string): Map<InputFile, InputFile> {
  const owner = new Map<string, InputFile>();
  const out = new Map<InputFile, InputFile>();
  for (const f of files) {
    if (f.path === '-') continue;
    const o = resolve(outputPath(f, format, outDir));
    const first = owner.get(o);
    if (first) out.set(f, first);
    else owner.set(o, f);
  }
  return out;
}
