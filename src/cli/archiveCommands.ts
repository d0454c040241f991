// The archive commands: index plan files into SQLite, search them without diacritics, export tasks as CSV.
import { Command, Option } from 'commander';
import type { SearchHit } from '../archive/search.js';
import { writeAtomic } from '../emit/emit.js';

const dbOption = () => new Option('--db <file>', 'the SQLite index').makeOptionMandatory();

function isoDate(v: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new Error(`not a date (YYYY-MM-DD): ${v}`);
  return v;
}

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`not a port (0–65535): ${v}`);
  return n;
}

/** One line a hit: what, where from, and the line that matched. */
function hitLine(h: SearchHit): string {
  const d = h.document;
  const id = [d.type, d.number && d.symbol ? `${d.number}/${d.symbol}` : (d.number ?? d.symbol), d.date].filter(Boolean).join(' ');
  const task = h.task ? `  [${h.task.lead.join('; ') || '-'}${h.task.period ? ` · ${h.task.period}` : ''}]` : '';
  return `${id} — ${d.issuer ?? '?'}\n    ${h.match.length > 160 ? `${h.match.slice(0, 157)}…` : h.match}${task}`;
}

export function addArchiveCommands(program: Command): void {
  program
    .command('index')
    .description('add plan files to a SQLite index (created when missing); unchanged plans are skipped, changed ones replaced')
    .argument('<plans...>', 'plan files (*.plan.json, *.plan.yaml) or folders holding them')
    .addOption(dbOption())
    .option('-q, --quiet', 'print only failures', false)
    .action(async (args: string[], o) => {
      const [{ openDb }, { indexPlans, planFiles }] = await Promise.all([import('../archive/db.js'), import('../archive/indexPlans.js')]);
      const { files, problems } = await planFiles(args);
      const db = openDb(o.db);
      try {
        const r = await indexPlans(db, files);
        for (const p of [...problems, ...r.failed]) process.stderr.write(`vnplan: ${p.path}: ${p.reason}\n`);
        if (!o.quiet) process.stderr.write(`vnplan: ${r.added} added, ${r.replaced} replaced, ${r.unchanged} unchanged, ${problems.length + r.failed.length} failed\n`);
        process.exitCode = problems.length + r.failed.length ? 1 : 0;
      } finally {
        db.close();
      }
    });

  program
    .command('search')
    .description('search the index, without diacritics or case ("phong van hoa" finds "Phòng Văn hóa")')
    .argument('[query]', 'words that must all be there (none: list by the filters alone)', '')
    .addOption(dbOption())
    .option('--type <type>', 'document type or its code (Kế hoạch, ke hoach, KH)')
    .option('--issuer <issuer>', 'words of the issuing body')
    .option('--unit <unit>', 'a unit that leads or supports a task (results are tasks)')
    .addOption(new Option('--from <date>', 'tasks whose period ends on or after this date (YYYY-MM-DD)').argParser(isoDate))
    .addOption(new Option('--to <date>', 'tasks whose period starts on or before this date (YYYY-MM-DD)').argParser(isoDate))
    .option('-n, --limit <n>', 'at most this many results', (v) => Number(v), 20)
    .option('--json', 'print JSON (the default when stdout is not a terminal)', false)
    .action(async (query: string, o) => {
      const [{ openDb }, { search }] = await Promise.all([import('../archive/db.js'), import('../archive/search.js')]);
      const db = openDb(o.db, { readonly: true });
      try {
        const hits = search(db, query, { type: o.type, issuer: o.issuer, unit: o.unit, from: o.from, to: o.to, limit: o.limit });
        if (o.json || !process.stdout.isTTY) process.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
        else process.stdout.write(hits.length ? `${hits.map(hitLine).join('\n')}\n` : 'no match\n');
        process.exitCode = 0;
      } finally {
        db.close();
      }
    });

  program
    .command('export')
    .description('write the index as CSV for Excel (UTF-8 with BOM): one row per task, or per document')
    .addOption(dbOption())
    .option('--tasks <file>', 'tasks: document number, symbol, date, issuer, section, content, lead, support, period')
    .option('--documents <file>', 'documents: number, symbol, date, type, issuer, title, signer, pages, tasks, warnings')
    .action(async (o) => {
      if (!o.tasks && !o.documents) throw new Error('say what to export: --tasks FILE and/or --documents FILE');
      const [{ openDb }, { documentsCsv, tasksCsv }] = await Promise.all([import('../archive/db.js'), import('../archive/exportCsv.js')]);
      const db = openDb(o.db, { readonly: true });
      try {
        for (const [file, make] of [
          [o.tasks, tasksCsv],
          [o.documents, documentsCsv],
        ] as const) {
          if (!file) continue;
          const { text, rows } = make(db);
          await writeAtomic(file, text);
          process.stderr.write(`vnplan: ${rows} rows → ${file}\n`);
        }
      } finally {
        db.close();
      }
    });

  program
    .command('serve')
    .description('a review page in the browser: search the index, see a plan beside its page, click a field to find it on the page')
    .addOption(dbOption())
    .option('--port <n>', 'the port to listen on (0: any free one)', port, 8080)
    .option('--host <host>', 'the address to listen on; anything but this machine lets others on the network read the archive', '127.0.0.1')
    .action(async (o) => {
      const [{ openDb }, { serve }] = await Promise.all([import('../archive/db.js'), import('../archive/serve.js')]);
      const db = openDb(o.db, { readonly: true });
      const server = await serve(db, { host: o.host, port: o.port });
      process.stderr.write(`vnplan: review page at ${server.url} (Ctrl-C stops it)\n`);
      const stop = () => {
        void server.close().then(() => db.close());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
