import type { PublicUser } from '../../domain/account';
import type { Session } from '../auth/session-store';
import { err, ok, type Result } from '../errors';

interface Locals {
	user: PublicUser | null;
	session: Session | null;
}

/** The signed-in caller, or 401. */
export function requireUser(locals: Locals): Result<{ user: PublicUser; session: Session }> {
	return locals.user && locals.session
		? ok({ user: locals.user, session: locals.session })
		: err('unauthenticated', 'Not signed in.');
}

/** The signed-in coach, 401 without a session, 403 for a client. */
export function requireCoach(locals: Locals): Result<PublicUser> {
	const caller = requireUser(locals);
	if (!caller.ok) {
		return caller;
	}
	return caller.value.user.role === 'coach'
		? ok(caller.value.user)
		: err('forbidden', 'Only coaches can do this.');
}
