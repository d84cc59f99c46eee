/** Who is asking: the volunteer's user, the API token they used (none for the Compute page). */
export interface Caller {
	userId: number;
	tokenId: number | null;
	/** The token was marked trusted by an operator. The job owner is trusted on any job of theirs. */
	tokenTrusted: boolean;
}
