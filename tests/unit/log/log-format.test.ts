/** The server log's line formats: logfmt text that stays one line whatever a value holds, and JSON. */
import { describe, expect, it } from 'vitest';
import { errorFields, formatEntry, logFormat } from '../../../src/lib/server/log/log.js';

const entry = { time: '2026-03-27T01:20:32.000Z', level: 'error' as const, event: 'error', route: '/s/[token]', status: 500, user: undefined, why: 'two words\nand a "quote"' };

describe('server log lines', () => {
	it('text: time level event, then key=value, quoted (newlines escaped) only when needed; undefined left out', () => {
		expect(formatEntry(entry, 'text')).toBe('2026-03-27T01:20:32.000Z error error route=/s/[token] status=500 why="two words\\nand a \\"quote\\""');
	});

	it('json: one object per line with the same fields', () => {
		const line = formatEntry(entry, 'json');
		expect(line).not.toContain('\n');
		expect(JSON.parse(line)).toEqual({ time: entry.time, level: 'error', event: 'error', route: '/s/[token]', status: 500, why: entry.why });
	});

	it('an error is its innermost cause and code, and a one-line stack', () => {
		const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
		const fields = errorFields(new Error('Failed query: select secret_hash from sessions', { cause }));
		expect(fields).toMatchObject({ error: 'Error: connect ECONNREFUSED 127.0.0.1:1', code: 'ECONNREFUSED' });
		expect(fields.stack).toMatch(/^at .* \| at /);
		expect(JSON.stringify(fields)).not.toContain('secret_hash');
		expect(errorFields('plain')).toEqual({ error: 'plain' });
	});

	it('LOG_FORMAT is text by default, json on request, and anything else is refused by name', () => {
		expect(logFormat({})).toBe('text');
		expect(logFormat({ LOG_FORMAT: 'json' })).toBe('json');
		expect(() => logFormat({ LOG_FORMAT: 'xml' })).toThrow('LOG_FORMAT is "xml": use text or json');
	});
});
