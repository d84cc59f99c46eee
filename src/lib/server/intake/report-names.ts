import { servedName, type FrameRow } from '$lib/server/jobs';

/**
 * A validated report (validateReport) as its owner reads it: the served names volunteers know the
 * frames by, in `frames[].file` and `reference`, back to the observer's file names.
 */
export function withOwnerNames(report: unknown, frames: FrameRow[]): unknown {
	const names = new Map(frames.map((f) => [servedName(f), f.filename]));
	const rename = (name: unknown) => (typeof name === 'string' && names.get(name)) || name;
	const { reference, frames: listed, ...rest } = report as { reference?: unknown; frames: Record<string, unknown>[] };
	return { ...rest, reference: rename(reference), frames: listed.map((frame) => ({ ...frame, file: rename(frame.file) })) };
}
