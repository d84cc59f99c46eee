/**
 * The storage quota as both ends apply it: raws and stacks count together in `users.storage_used_mb`
 * against `storage_limit_mb`. The Upload page refuses an over-quota upload with the same words the
 * server answers it with.
 */
import { formatMb, formatMegabytes } from '../format';

export interface StorageUse {
	usedMb: number;
	limitMb: number;
}

/** The use after storing `bytes` more, in MB (two decimals, as the column keeps it). */
export function projectedMb(use: StorageUse, bytes: number): number {
	return Math.round((use.usedMb + bytes / 1048576) * 100) / 100;
}

/** Null when `bytes` more fit under the limit; otherwise why not, naming need, use and limit. */
export function overQuota(use: StorageUse, bytes: number, what = 'This upload'): string | null {
	if (bytes <= 0 || projectedMb(use, bytes) <= use.limitMb) return null;
	return (
		`${what} needs ${formatMb(bytes)}; you use ${formatMegabytes(use.usedMb)} of your ${formatMegabytes(use.limitMb)}, ` +
		`so it would bring you to ${formatMegabytes(projectedMb(use, bytes))}. ` +
		'Delete stacks or uploads you no longer need, or send fewer frames.'
	);
}
