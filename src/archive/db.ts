// The archive's index: a SQLite file any SQLite tool reads (sqlite3 archive.sqlite). better-sqlite3 is the binding:
// Node 20 has no node:sqlite, and better-sqlite3 builds from source with node-gyp where its prebuilt binary cannot
// be downloaded (only the package registries are reachable here), with SQLite's full-text search (FTS5) built in.
// The schema grows by numbered migrations, recorded in SQLite's user_version.
import Database from 'better-sqlite3';
import { key } from '../parse/text.js';

export type Db = Database.Database;

/**
 * Every text a search looks at is kept twice: as printed, and folded (no diacritics, "đ" as "d", lower case: the
 * parse stage's key()), so "phong van hoa" finds "Phòng Văn hóa" and an old OCR's "Phuong" finds "Phường".
 */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    source_sha256 TEXT NOT NULL UNIQUE,
    plan_path TEXT NOT NULL,
    plan_sha256 TEXT NOT NULL,
    source_file TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    pages INTEGER NOT NULL,
    type TEXT, type_code TEXT, number TEXT, symbol TEXT,
    issuer TEXT, issuer_key TEXT, parent_issuer TEXT, place TEXT, date TEXT,
    title TEXT, title_key TEXT,
    signer_authority TEXT, signer_title TEXT, signer_name TEXT,
    text TEXT NOT NULL, text_key TEXT NOT NULL,
    indexed_at TEXT NOT NULL
  );
  CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES sections(id) ON DELETE CASCADE,
    path TEXT NOT NULL, label TEXT NOT NULL, heading TEXT NOT NULL, level INTEGER NOT NULL, text TEXT NOT NULL
  );
  CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL, section TEXT, content TEXT NOT NULL
  );
  CREATE TABLE task_units (
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('lead', 'support')),
    ord INTEGER NOT NULL, unit TEXT NOT NULL, unit_key TEXT NOT NULL
  );
  CREATE TABLE periods (
    task_id INTEGER NOT NULL UNIQUE REFERENCES tasks(id) ON DELETE CASCADE,
    text TEXT NOT NULL, start TEXT, end TEXT, recurring INTEGER NOT NULL
  );
  CREATE TABLE doc_references (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT, number TEXT, symbol TEXT, date TEXT, issuer TEXT
  );
  CREATE TABLE warnings (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    code TEXT NOT NULL, message TEXT NOT NULL, line INTEGER
  );
  -- Full text, folded: a document's whole text (rowid = documents.id), and each task's content and units
  -- (rowid = tasks.id). The printed text is in documents.text and tasks.
  CREATE VIRTUAL TABLE document_text USING fts5(text, tokenize = 'unicode61');
  CREATE VIRTUAL TABLE task_text USING fts5(content, units, tokenize = 'unicode61');
  CREATE INDEX periods_start ON periods(start);
  CREATE INDEX documents_plan ON documents(plan_path);
  CREATE INDEX sections_document ON sections(document_id);
  CREATE INDEX tasks_document ON tasks(document_id);
  CREATE INDEX task_units_task ON task_units(task_id);
  CREATE INDEX doc_references_document ON doc_references(document_id);
  CREATE INDEX warnings_document ON warnings(document_id);
  `,
  // 2: for the review page (vnplan serve): where the source file was found when the plan was indexed, and the
  // plan's layout (page sizes and line boxes, JSON). Documents indexed before have neither until indexed again.
  `
  ALTER TABLE documents ADD COLUMN source_path TEXT;
  ALTER TABLE documents ADD COLUMN layout TEXT;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Opens (creating when needed) the index and brings its schema up to date. */
export function openDb(path: string, opts: { readonly?: boolean } = {}): Db {
  const db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  db.pragma('foreign_keys = ON');
  // fold(text): the folding the index stores, for queries (a plain sqlite3 session can use the *_key columns).
  db.function('fold', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? key(s) : s));
  if (opts.readonly) {
    const v = db.pragma('user_version', { simple: true }) as number;
    if (v !== SCHEMA_VERSION) throw new Error(`${path}: index schema ${v}, this vnplan reads ${SCHEMA_VERSION}: run vnplan index on it`);
    return db;
  }
  db.pragma('journal_mode = WAL');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) throw new Error(`${path}: made by a newer vnplan (schema ${version}; this one knows ${SCHEMA_VERSION})`);
  for (let v = version; v < SCHEMA_VERSION; v++)
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  return db;
}
