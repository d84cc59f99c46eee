/**
 * An independent check that schema.sql is faithful to the original system's schema reference:
 * parse that document's markdown tables and check each documented column, enum and index against
 * the database schema.sql builds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runDatabaseUrl } from '../../helpers/db';
import { dropDatabase, scratchDatabaseUrl } from '../../harness/databases';
import { loadSchemaSql, readSchema, type Schema } from './information-schema';

const REFERENCE = fileURLToPath(
	new URL('../../../../shared/seed/000_ecb58197461040cd.txt', import.meta.url)
);
const ORIGINAL_TABLES = ['users', 'upload_sessions', 'raw_files', 'stacking_jobs', 'stacked_frames'];
/** Where CrowdSky departs from the reference on purpose; schema.sql says why at the column. */
const DEVIATIONS: Record<string, Partial<DocColumn>> = {
	// A stack made on the telescope is a row of its own: no job produced it.
	'stacked_frames.stacking_job_id': { nullable: true },
	// Registration must not tell which addresses have an account, so two accounts may share one.
	'users.email': { unique: false }
};

interface DocColumn {
	name: string;
	/** e.g. `VARCHAR(64)`, `ENUM('free','pro','raw')`, `INT` */
	type: string;
	unsigned: boolean;
	autoIncrement: boolean;
	unique: boolean;
	nullable: boolean;
	references?: string;
	default?: string;
}
interface DocTable {
	columns: DocColumn[];
	statusValues: string[];
	indexes: { name: string; columns: string[] }[];
}

/** Splits the reference at its `## \`table\`` headings and reads each section's parts. */
function parseReference(markdown: string): Record<string, DocTable> {
	const tables: Record<string, DocTable> = {};
	for (const section of markdown.split(/^## /m).slice(1)) {
		const name = /^`(\w+)`/.exec(section)?.[1];
		if (!name) continue;
		const columns = [...section.matchAll(/^\| `(\w+)` \| ([^|]+) \| ([^|]*) \|$/gm)].map(
			([, column, type, description]) => parseColumn(column, type.trim(), description)
		);
		tables[name] = {
			columns,
			statusValues: listAfter(section, '**Status values:**').map((item) => /^`(\w+)`/.exec(item)![1]),
			indexes: listAfter(section, '**Indexes:**').map((item) => {
				const [, index, cols] = /^`(\w+) \(([^)]+)\)`/.exec(item)!;
				return { name: index, columns: cols.split(',').map((c) => c.trim()) };
			})
		};
	}
	return tables;
}

function parseColumn(name: string, spec: string, description: string): DocColumn {
	const [, type, rest] = /^(\w+(?:\([^)]*\))?)(.*)$/.exec(spec)!;
	const words = rest.split(/\s+/);
	return {
		name,
		type,
		unsigned: words.includes('UNSIGNED'),
		autoIncrement: words.includes('AUTO_INCREMENT'),
		unique: words.includes('UNIQUE'),
		nullable: words.includes('NULL'),
		references: /FK→(\w+)/.exec(rest)?.[1],
		default: /Default: '?([\w.]+)'?/.exec(description)?.[1]
	};
}

/** The `- ` bullet items that follow a bold label, up to the first line that is not one. */
function listAfter(section: string, label: string): string[] {
	const start = section.indexOf(label);
	if (start < 0) return [];
	const lines = section.slice(start + label.length).split('\n').slice(1);
	const items: string[] = [];
	for (const line of lines) {
		if (!line.startsWith('- ')) break;
		items.push(line.slice(2));
	}
	return items;
}

/** `enum('a','b')` → ['a', 'b'] */
const enumValues = (columnType: string) =>
	[...columnType.matchAll(/'([^']*)'/g)].map(([, value]) => value);

describe.skipIf(!existsSync(REFERENCE))('schema.sql against the original schema reference', () => {
	const doc = existsSync(REFERENCE) ? parseReference(readFileSync(REFERENCE, 'utf8')) : {};
	let url: string;
	let schema: Schema;

	beforeAll(async () => {
		url = scratchDatabaseUrl(runDatabaseUrl());
		await loadSchemaSql(url);
		schema = await readSchema(url);
	});
	afterAll(async () => {
		await dropDatabase(url);
	});

	test('the reference documents the five original tables', () => {
		expect(Object.keys(doc).sort()).toEqual([...ORIGINAL_TABLES].sort());
		expect(doc.users.columns.map((c) => c.name)).toContain('api_token');
		expect(doc.stacking_jobs.statusValues).toEqual(['pending', 'processing', 'completed', 'failed', 'retry']);
	});

	describe.each(ORIGINAL_TABLES)('%s', (tableName) => {
		test('has every documented column with its type, nullability, key and default', () => {
			const table = schema[tableName];
			expect(table, `table ${tableName}`).toBeDefined();
			for (const documented of doc[tableName].columns) {
				const where = `${tableName}.${documented.name}`;
				const col = { ...documented, ...DEVIATIONS[where] };
				const actual = table.columns[col.name];
				expect(actual, where).toBeDefined();

				const [, base, params] = /^(\w+)(\(.*\))?$/.exec(col.type)!;
				if (base === 'ENUM') {
					expect(actual.type, where).toMatch(/^enum\(/);
					const documented = params ? enumValues(params) : doc[tableName].statusValues;
					expect(enumValues(actual.type), where).toEqual(documented);
				} else if (params) {
					expect(actual.type, where).toMatch(new RegExp(`^${base.toLowerCase()}\\${params.replace(')', '\\)')}`));
				} else {
					expect(actual.type.split(/[\s(]/)[0], where).toBe(base.toLowerCase());
				}
				expect(actual.type.includes('unsigned'), `${where} unsigned`).toBe(col.unsigned);
				expect(actual.nullable, `${where} nullable`).toBe(col.nullable ? 'YES' : 'NO');
				expect(actual.extra.includes('auto_increment'), `${where} auto_increment`).toBe(col.autoIncrement);
				if (col.unique) {
					const unique = Object.values(table.indexes).filter(
						(i) => i.unique && i.columns.length === 1 && i.columns[0] === col.name
					);
					expect(unique, `${where} unique`).toHaveLength(1);
				}
				if (col.references) {
					const keys = Object.values(table.foreignKeys).filter((k) => k.columns.join() === col.name);
					expect(keys, `${where} foreign key`).toEqual([
						expect.objectContaining({
							referencedTable: col.references,
							referencedColumns: ['id'],
							onDelete: 'CASCADE'
						})
					]);
				}
				if (col.default !== undefined) {
					const value = actual.default?.replace(/^'(.*)'$/, '$1');
					const same = /^\d/.test(col.default)
						? Number(value) === Number(col.default)
						: value === col.default;
					expect(same, `${where} default ${actual.default}, documented ${col.default}`).toBe(true);
				}
			}
		});

		test('has every documented index with its columns in order', () => {
			for (const index of doc[tableName].indexes) {
				expect(schema[tableName].indexes[index.name], `${tableName}.${index.name}`).toEqual({
					unique: false,
					columns: index.columns
				});
			}
		});
	});

	test('the primary keys are the id columns', () => {
		for (const name of ORIGINAL_TABLES) {
			expect(schema[name].indexes.PRIMARY, name).toEqual({ unique: true, columns: ['id'] });
		}
	});
});
