// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionUser, LoginSession } from '$lib/server/auth/types';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: LoginSession | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
