/**
 * A file name cut after each `_`, `-` or space, with the extension kept on the last part:
 * shown with a `<wbr>` between the parts, a long Seestar name ("Light_M 94_10.0s_IRCUT_20250327-
 * 014513.fit") wraps at its own separators on a phone, never inside ".fit".
 */
export function fileNameParts(name: string): string[] {
	const dot = name.lastIndexOf('.');
	const hasExtension = dot > 0 && name.length - dot <= 6;
	const stem = hasExtension ? name.slice(0, dot) : name;
	const parts = stem.match(/[^_\- ]*[_\- ]|[^_\- ]+$/g) ?? [stem];
	if (hasExtension) parts[parts.length - 1] += name.slice(dot);
	return parts;
}
