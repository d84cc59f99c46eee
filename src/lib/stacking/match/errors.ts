export type AlignErrorKind = 'TooFewStars' | 'NoTransform' | 'PoorFit';

/** Why two star lists could not be aligned; `kind` reaches the stacking report as the rejection reason. */
export class AlignError extends Error {
	readonly kind: AlignErrorKind;

	constructor(kind: AlignErrorKind, message: string) {
		super(message);
		this.name = 'AlignError';
		this.kind = kind;
	}
}
