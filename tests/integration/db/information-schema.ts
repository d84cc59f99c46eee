/**
 * Reads a database's structure from information_schema into plain objects, and compares two of
 * them as a list of readable differences (empty when they agree).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { connect, createDatabaseIfMissing, parseDatabaseUrl } from '../../../scripts/migrate.js';

export const SCHEMA_SQL = fileURLToPath(new URL('../../../schema.sql', import.meta.url));
const MIGRATIONS_TABLE = '__drizzle_migrations';

export interface Column {
	position: number;
	type: string;
	nullable: string;
	default: string | null;
	extra: string;
	charset: string | null;
	collation: string | null;
}
export interface Index {
	unique: boolean;
	columns: string[];
}
export interface ForeignKey {
	columns: string[];
	referencedTable: string;
	referencedColumns: string[];
	onDelete: string;
	onUpdate: string;
}
export interface Table {
	engine: string;
	collation: string;
	columns: Record<string, Column>;
	indexes: Record<string, Index>;
	foreignKeys: Record<string, ForeignKey>;
}
export type Schema = Record<string, Table>;

/** Creates `url`'s database and runs schema.sql in it. */
export async function loadSchemaSql(url: string): Promise<void> {
	await createDatabaseIfMissing(url);
	const conn = await connect(url, { multipleStatements: true });
	try {
		await conn.query(await readFile(SCHEMA_SQL, 'utf8'));
	} finally {
		await conn.end();
	}
}

type Row = Record<string, unknown>;

/** Every base table of `url`'s database except drizzle's bookkeeping table. */
export async function readSchema(url: string): Promise<Schema> {
	const { database } = parseDatabaseUrl(url);
	const conn = await connect(url, { server: true });
	const rows = async (query: string) => (await conn.query(query, [database]))[0] as Row[];
	try {
		const schema: Schema = {};
		for (const t of await rows(
			"SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'"
		)) {
			if (t.TABLE_NAME === MIGRATIONS_TABLE) continue;
			schema[String(t.TABLE_NAME)] = {
				engine: String(t.ENGINE),
				collation: String(t.TABLE_COLLATION),
				columns: {},
				indexes: {},
				foreignKeys: {}
			};
		}
		const table = (name: unknown) => schema[String(name)];

		for (const c of await rows(
			'SELECT * FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION'
		)) {
			const t = table(c.TABLE_NAME);
			if (!t) continue;
			t.columns[String(c.COLUMN_NAME)] = {
				position: Number(c.ORDINAL_POSITION),
				type: String(c.COLUMN_TYPE),
				nullable: String(c.IS_NULLABLE),
				default: c.COLUMN_DEFAULT === null ? null : String(c.COLUMN_DEFAULT),
				extra: String(c.EXTRA),
				charset: (c.CHARACTER_SET_NAME as string | null) ?? null,
				collation: (c.COLLATION_NAME as string | null) ?? null
			};
		}

		for (const s of await rows(
			'SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX'
		)) {
			const t = table(s.TABLE_NAME);
			if (!t) continue;
			const index = (t.indexes[String(s.INDEX_NAME)] ??= {
				unique: Number(s.NON_UNIQUE) === 0,
				columns: []
			});
			index.columns.push(String(s.COLUMN_NAME));
		}

		for (const k of await rows(
			`SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME,
				k.REFERENCED_COLUMN_NAME, r.DELETE_RULE, r.UPDATE_RULE
			FROM information_schema.KEY_COLUMN_USAGE k
			JOIN information_schema.REFERENTIAL_CONSTRAINTS r
				ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
				AND r.TABLE_NAME = k.TABLE_NAME
			WHERE k.TABLE_SCHEMA = ? ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`
		)) {
			const t = table(k.TABLE_NAME);
			if (!t) continue;
			const fk = (t.foreignKeys[String(k.CONSTRAINT_NAME)] ??= {
				columns: [],
				referencedTable: String(k.REFERENCED_TABLE_NAME),
				referencedColumns: [],
				onDelete: String(k.DELETE_RULE),
				// InnoDB treats RESTRICT and NO ACTION alike; drizzle writes one, a bare clause the other.
				onUpdate: k.UPDATE_RULE === 'RESTRICT' ? 'NO ACTION' : String(k.UPDATE_RULE)
			});
			fk.columns.push(String(k.COLUMN_NAME));
			fk.referencedColumns.push(String(k.REFERENCED_COLUMN_NAME));
		}
		return schema;
	} finally {
		await conn.end();
	}
}

const show = (value: unknown) => JSON.stringify(value);

/** Differences between two schemas, one line each, e.g. `users.is_active type: a "…" vs b "…"`. */
export function diffSchemas(a: Schema, b: Schema, [nameA, nameB]: [string, string]): string[] {
	const out: string[] = [];
	const compare = (where: string, left: unknown, right: unknown) => {
		if (show(left) !== show(right)) out.push(`${where}: ${nameA} ${show(left)} vs ${nameB} ${show(right)}`);
	};
	const eachKey = <T>(
		where: string,
		left: Record<string, T>,
		right: Record<string, T>,
		each: (key: string, l: T, r: T) => void
	) => {
		for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
			if (!(key in left)) out.push(`${where}${key}: only in ${nameB}`);
			else if (!(key in right)) out.push(`${where}${key}: only in ${nameA}`);
			else each(key, left[key], right[key]);
		}
	};

	eachKey('table ', a, b, (name, ta, tb) => {
		compare(`${name} engine`, ta.engine, tb.engine);
		compare(`${name} collation`, ta.collation, tb.collation);
		eachKey(`column ${name}.`, ta.columns, tb.columns, (col, ca, cb) => {
			for (const field of Object.keys(ca) as (keyof Column)[]) {
				compare(`${name}.${col} ${field}`, ca[field], cb[field]);
			}
		});
		eachKey(`index ${name}.`, ta.indexes, tb.indexes, (idx, ia, ib) => {
			compare(`${name} index ${idx}`, ia, ib);
		});
		eachKey(`foreign key ${name}.`, ta.foreignKeys, tb.foreignKeys, (fk, fa, fb) => {
			compare(`${name} foreign key ${fk}`, fa, fb);
		});
	});
	return out;
}
