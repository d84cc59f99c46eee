/** What the Compute page remembers between visits (localStorage; a refusing storage is ignored). */

const KEY = 'crowdsky.compute';

export interface ComputePrefs {
	pauseWhenHidden: boolean;
	/** null: the default for this machine. */
	poolSize: number | null;
}

export type PrefsStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function loadPrefs(storage: PrefsStorage | null): ComputePrefs {
	const prefs: ComputePrefs = { pauseWhenHidden: false, poolSize: null };
	try {
		const saved = JSON.parse(storage?.getItem(KEY) ?? 'null') as Partial<ComputePrefs> | null;
		if (typeof saved?.pauseWhenHidden === 'boolean') prefs.pauseWhenHidden = saved.pauseWhenHidden;
		if (Number.isInteger(saved?.poolSize) && (saved?.poolSize ?? 0) >= 1) prefs.poolSize = saved!.poolSize!;
	} catch {
		// unreadable or refused (private mode): defaults
	}
	return prefs;
}

export function savePrefs(storage: PrefsStorage | null, prefs: ComputePrefs): void {
	try {
		storage?.setItem(KEY, JSON.stringify(prefs));
	} catch {
		// full or refused: the choice lasts for this visit only
	}
}
