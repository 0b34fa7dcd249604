import type BetterSqlite3 from 'better-sqlite3';
import { type QueryExecutorProvider, sql } from 'kysely';

/**
 * A schema reduced to what both engines can express, each fact a short normalised string, so the
 * SQLite and PostgreSQL schemas can be compared and their differences read at a glance.
 */
export interface TableDescription {
  /** "name: family null|not null [default …]", auto-numbered keys as "default auto". */
  columns: string[];
  /** One entry, "(cols)" in key order, or none. */
  primaryKey: string[];
  /** Column lists of UNIQUE constraints. */
  unique: string[];
  /** "(cols) -> table(cols) on delete … on update …". */
  foreignKeys: string[];
  /** "column IN (sorted values)" where the CHECK has that shape, else the normalised expression. */
  checks: string[];
  /** "name: [unique ](cols)[ where …]" for indexes made by CREATE INDEX. */
  indexes: string[];
  /** "name: timing event[ when …]". */
  triggers: string[];
}

export type SchemaDescription = Record<string, TableDescription>;

/** What `a` and `b` disagree on, one line per fact ("table.aspect: only in <name>: fact"). */
export function schemaDifferences(a: SchemaDescription, b: SchemaDescription, names = ['a', 'b']): string[] {
  const [nameA, nameB] = names;
  const out: string[] = [];
  for (const table of sortedUnion(Object.keys(a), Object.keys(b))) {
    const ta = a[table];
    const tb = b[table];
    if (!ta || !tb) {
      out.push(`${table}: table only in ${ta ? nameA : nameB}`);
      continue;
    }
    for (const aspect of Object.keys(ta) as (keyof TableDescription)[]) {
      for (const fact of ta[aspect])
        if (!tb[aspect].includes(fact)) out.push(`${table}.${aspect}: only in ${nameA}: ${fact}`);
      for (const fact of tb[aspect])
        if (!ta[aspect].includes(fact)) out.push(`${table}.${aspect}: only in ${nameB}: ${fact}`);
    }
  }
  return out;
}

function sortedUnion(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

// ---- SQLite ----

interface SqliteColumn {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}
interface SqliteIndex {
  name: string;
  unique: number;
  origin: 'c' | 'u' | 'pk';
}
interface SqliteForeignKey {
  id: number;
  seq: number;
  table: string;
  from: string;
  to: string | null;
  on_update: string;
  on_delete: string;
}

/** Every table but SQLite's own (`sqlite_*`). */
export function describeSqlite(db: BetterSqlite3.Database): SchemaDescription {
  const objects = db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL")
    .all() as { type: string; name: string; tbl_name: string; sql: string }[];
  const description: SchemaDescription = {};
  for (const table of objects.filter((o) => o.type === 'table')) {
    const columns = db.prepare('SELECT * FROM pragma_table_info(?)').all(table.name) as SqliteColumn[];
    const primaryKey = columns.filter((c) => c.pk > 0).sort((x, y) => x.pk - y.pk);
    const withoutRowid = /\)\s*without\s+rowid\s*;?\s*$/i.test(table.sql);
    const rowidAlias = !withoutRowid && primaryKey.length === 1 && /^integer$/i.test(primaryKey[0]?.type ?? '');
    const indexes = db.prepare('SELECT * FROM pragma_index_list(?)').all(table.name) as SqliteIndex[];
    const indexColumns = (name: string) =>
      (db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(name) as { name: string }[]).map(
        (c) => c.name,
      );
    const foreignKeys = db.prepare('SELECT * FROM pragma_foreign_key_list(?)').all(table.name) as SqliteForeignKey[];
    // A PRIMARY KEY column counts as NOT NULL, as on PostgreSQL, though SQLite lets a rowid table
    // store NULL in one that is not INTEGER: an old SQLite bug, kept for compatibility.
    description[table.name] = {
      columns: columns
        .map((c) =>
          columnFact(
            c.name,
            typeFamily(c.type),
            c.notnull === 1 || c.pk > 0,
            rowidAlias && c.pk > 0 ? 'auto' : c.dflt_value,
          ),
        )
        .sort(),
      primaryKey: primaryKeyFact(primaryKey.map((c) => c.name)),
      unique: indexes
        .filter((i) => i.origin === 'u')
        .map((i) => indexColumns(i.name).join(', '))
        .sort(),
      foreignKeys: [...new Set(foreignKeys.map((f) => f.id))]
        .map((id) => {
          const parts = foreignKeys.filter((f) => f.id === id).sort((x, y) => x.seq - y.seq);
          const first = parts[0] as SqliteForeignKey;
          // A REFERENCES naming no column means the referenced table's primary key.
          const to = parts.every((p) => p.to) ? parts.map((p) => p.to).join(', ') : primaryKeyOf(db, first.table);
          return foreignKeyFact(
            parts.map((p) => p.from),
            first.table,
            to,
            first.on_delete,
            first.on_update,
          );
        })
        .sort(),
      checks: checkExpressions(table.sql).map(normaliseCheck).sort(),
      indexes: objects
        .filter((o) => o.type === 'index' && o.tbl_name === table.name)
        .map((o) => `${o.name}: ${indexShape(o.sql)}`)
        .sort(),
      triggers: objects
        .filter((o) => o.type === 'trigger' && o.tbl_name === table.name)
        .map((o) => `${o.name}: ${triggerShape(o.sql)}`)
        .sort(),
    };
  }
  return description;
}

function primaryKeyOf(db: BetterSqlite3.Database, table: string): string {
  const key = db.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(table) as SqliteColumn[];
  return key.map((c) => c.name).join(', ');
}

/** The expressions of every CHECK (…) in a CREATE TABLE statement. */
function checkExpressions(createTable: string): string[] {
  const text = createTable.replace(/--[^\n]*/g, '');
  const found: string[] = [];
  for (const match of text.matchAll(/\bcheck\s*\(/gi)) {
    const open = (match.index ?? 0) + match[0].length - 1;
    found.push(text.slice(open + 1, closingParen(text, open)));
  }
  return found;
}

// ---- PostgreSQL ----

const deleteActions: Record<string, string> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

/** Every table of the connection's current schema but `schema_migrations`. */
export async function describePostgres(db: QueryExecutorProvider): Promise<SchemaDescription> {
  const columns = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: 'YES' | 'NO';
    column_default: string | null;
    is_identity: 'YES' | 'NO';
  }>`SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity
     FROM information_schema.columns c
     WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'
       AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_schema = c.table_schema
                   AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE')`.execute(db);
  const constraints = await sql<{
    table_name: string;
    contype: 'p' | 'u' | 'f' | 'c' | 'x' | 't';
    columns: string[];
    ref_table: string | null;
    ref_columns: string[];
    on_delete: string;
    on_update: string;
    definition: string;
  }>`SELECT t.relname AS table_name, c.contype, r.relname AS ref_table,
            c.confdeltype AS on_delete, c.confupdtype AS on_update, pg_get_constraintdef(c.oid) AS definition,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, i)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.i) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, i)
                  JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.i) AS ref_columns
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid LEFT JOIN pg_class r ON r.oid = c.confrelid
     WHERE t.relnamespace = current_schema()::regnamespace`.execute(db);
  const indexes = await sql<{ table_name: string; name: string; definition: string }>`
     SELECT t.relname AS table_name, i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     WHERE t.relnamespace = current_schema()::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                       WHERE c.conrelid = x.indrelid AND c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))`.execute(
    db,
  );
  const triggers = await sql<{ table_name: string; name: string; definition: string }>`
     SELECT c.relname AS table_name, t.tgname AS name, pg_get_triggerdef(t.oid) AS definition
     FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace`.execute(db);

  const description: SchemaDescription = {};
  const tableOf = (name: string): TableDescription => {
    description[name] ??= {
      columns: [],
      primaryKey: [],
      unique: [],
      foreignKeys: [],
      checks: [],
      indexes: [],
      triggers: [],
    };
    return description[name];
  };
  for (const c of columns.rows) {
    const auto = c.is_identity === 'YES' || /^nextval\(/.test(c.column_default ?? '');
    tableOf(c.table_name).columns.push(
      columnFact(c.column_name, typeFamily(c.data_type), c.is_nullable === 'NO', auto ? 'auto' : c.column_default),
    );
  }
  for (const c of constraints.rows) {
    const table = description[c.table_name];
    if (!table) continue;
    if (c.contype === 'p') table.primaryKey = primaryKeyFact(c.columns);
    else if (c.contype === 'u') table.unique.push(c.columns.join(', '));
    else if (c.contype === 'c') table.checks.push(normaliseCheck(c.definition.replace(/^CHECK\s*/i, '')));
    else if (c.contype === 'f') {
      const action = (code: string) => deleteActions[code] ?? code;
      table.foreignKeys.push(
        foreignKeyFact(
          c.columns,
          c.ref_table ?? '?',
          c.ref_columns.join(', '),
          action(c.on_delete),
          action(c.on_update),
        ),
      );
    }
  }
  for (const i of indexes.rows) description[i.table_name]?.indexes.push(`${i.name}: ${indexShape(i.definition)}`);
  for (const t of triggers.rows) description[t.table_name]?.triggers.push(`${t.name}: ${triggerShape(t.definition)}`);
  for (const table of Object.values(description)) {
    for (const aspect of ['columns', 'unique', 'foreignKeys', 'checks', 'indexes', 'triggers'] as const)
      table[aspect].sort();
  }
  return description;
}

// ---- normalising, shared by both engines ----

function typeFamily(declared: string): string {
  const type = declared.toLowerCase();
  if (type.includes('int')) return 'integer';
  if (/char|clob|text/.test(type)) return 'text';
  if (/real|floa|doub/.test(type)) return 'real';
  if (type === '' || type.includes('blob') || type === 'bytea') return 'blob';
  return type;
}

function columnFact(name: string, family: string, notNull: boolean, dflt: string | null): string {
  const value = dflt === null ? '' : ` default ${dflt.replace(/::[a-z ]+$/i, '').replace(/^\((.*)\)$/, '$1')}`;
  return `${name}: ${family} ${notNull ? 'not null' : 'null'}${value}`;
}

function primaryKeyFact(columns: string[]): string[] {
  return columns.length > 0 ? [`(${columns.join(', ')})`] : [];
}

function foreignKeyFact(from: string[], table: string, to: string, onDelete: string, onUpdate: string): string {
  return `(${from.join(', ')}) -> ${table}(${to}) on delete ${onDelete.toLowerCase()} on update ${onUpdate.toLowerCase()}`;
}

/**
 * SQLite keeps a CHECK as written (`role IN ('a', 'b')`); PostgreSQL shows it as
 * `((role = ANY (ARRAY['a'::text, 'b'::text])))`, or `(role = 'a'::text)` for a single value.
 */
function normaliseCheck(expression: string): string {
  const bare = expression
    .trim()
    .replace(/^\((.*)\)$/s, '$1')
    .trim();
  const inList = /^\(*"?(\w+)"?\)*\s+in\s*\(([^()]*)\)\s*$/i.exec(bare);
  const anyArray = /^\(*(\w+)\)*(?:::\w+)?\s*=\s*ANY\s*\(+ARRAY\[(.*)\]\)+$/i.exec(bare);
  const single = /^\(*(\w+)\)*(?:::\w+)?\s*=\s*('(?:[^']|'')*')(?:::\w+)?\)*$/.exec(bare);
  const match = inList ?? anyArray ?? single;
  if (!match) return squash(bare);
  const values = (match[2] ?? '')
    .split(',')
    .map((v) =>
      v
        .trim()
        .replace(/::\w+$/, '')
        .replace(/^'(.*)'$/, '$1'),
    )
    .sort();
  return `${match[1]} IN (${values.join(', ')})`;
}

/** "[unique ](cols)[ where predicate]" from a CREATE INDEX statement as either engine writes it. */
function indexShape(createIndex: string): string {
  const text = createIndex.replace(/\s+/g, ' ').trim();
  const on = text.search(/ on /i);
  const open = text.indexOf('(', on);
  const close = closingParen(text, open);
  const columns = splitTopLevel(text.slice(open + 1, close)).map((c) =>
    c
      .trim()
      .toLowerCase()
      .replace(/\s+asc$/, '')
      .replace(/\s*([()])\s*/g, '$1'),
  );
  const where = /^\s*where\s+(.*)$/i.exec(text.slice(close + 1));
  const unique = /^create unique/i.test(text) ? 'unique ' : '';
  return `${unique}(${columns.join(', ')})${where ? ` where ${squash(where[1] ?? '')}` : ''}`;
}

/** "timing event[ when condition]" from a CREATE TRIGGER statement as either engine writes it. */
function triggerShape(createTrigger: string): string {
  const text = createTrigger
    .replace(/--[^\n]*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const match =
    /^create trigger (?:if not exists )?"?\w+"?\s+(before|after|instead of)\s+(insert|delete|update(?: of [\w\s,]+?)?)\s+on\s+\S+(?:\s+for each row)?(?:\s+when\s+(.*?))?\s+(?:begin|execute (?:function|procedure))\b/i.exec(
      text,
    );
  if (!match) return squash(text);
  const [, timing = '', event = '', when] = match;
  return `${timing.toLowerCase()} ${event.toLowerCase().replace(/\s*,\s*/g, ', ')}${when ? ` when ${squash(when)}` : ''}`;
}

/** Lower case, no parentheses, single spaces: how two engines' renderings of one expression meet. */
function squash(expression: string): string {
  return expression
    .toLowerCase()
    .replace(/::[a-z]+/g, '')
    .replace(/[()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function closingParen(text: string, open: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')' && --depth === 0) return i;
  }
  throw new Error(`unbalanced parentheses in: ${text}`);
}

function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '(') depth++;
    else if (list[i] === ')') depth--;
    else if (list[i] === ',' && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts;
}
