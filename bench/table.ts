/** A plain-text table: the first `left` columns (labels) left-aligned, the rest (figures) right-aligned. */
export function formatTable(head: string[], rows: string[][], left = 1): string {
	const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
	const line = (cells: string[]) => cells.map((v, c) => (c < left ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
	return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const fixed = (v: number | null | undefined, digits = 1): string => (v === null || v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits));
export const mb = (bytes: number): string => (bytes > 0 ? (bytes / 2 ** 20).toFixed(0) : '-');
