import type { PublicUser } from '$lib/domain/account';
import type { Session } from '$lib/server/auth/session-store';

declare global {
	namespace App {
		interface Locals {
			user: PublicUser | null;
			session: Session | null;
		}
		interface PageData {
			user?: PublicUser | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
