// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionUser, LoginSession } from '$lib/server/auth/types';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: LoginSession | null;
			/** Set by handleError when the failure was the database being away: the answer becomes a 503. */
			databaseUnavailable?: boolean;
			/** The user an API route acted for (API token or session), set by jsonRoute for the request log. */
			callerId?: number;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
