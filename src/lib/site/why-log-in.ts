/**
 * What a guest sent to the login page from a members' page is told instead of "Welcome back":
 * what that page is and why it needs an account. Keyed by the page's first path segment.
 */
const REASONS: Record<string, string> = {
	compute:
		'Compute lends this browser tab’s processor to stack other observers’ frames. It needs an account, so that each result is credited to you and checked against another volunteer’s. Log in, or create an account in a minute.',
	upload: 'Uploading needs an account: your frames and stacks stay private to you. Log in, or create an account.',
	stacks: 'Your stacks are private to your account. Log in to see them, or create an account.',
	status: 'The status of your uploads and stacking jobs is private to your account. Log in to see it.',
	account: 'Log in to manage your account, storage and API tokens.'
};

export function whyLogIn(redirectTo: string): string | null {
	const segment = redirectTo.split(/[/?#]/)[1] ?? '';
	return REASONS[segment] ?? null;
}
