import type { PublicUser } from '../../domain/account';
import { err, ok, type Result } from '../errors';
import { toPublic, type UserStore } from '../users';
import type { LoginInput, SignupInput } from './auth-input';
import { LoginThrottle, type ThrottleRule } from './login-throttle';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import type { Session, SessionStore } from './session-store';

export const throttleRules = {
	// A person mistyping gets five tries per quarter hour; a guesser gets almost nothing.
	account: { maxFailures: 5, windowMs: 15 * 60 * 1000 },
	// One address trying many accounts (credential stuffing) is limited separately.
	address: { maxFailures: 20, windowMs: 15 * 60 * 1000 }
} satisfies Record<string, ThrottleRule>;

export interface SignedIn {
	user: PublicUser;
	token: string;
	session: Session;
}

export interface CurrentUser {
	user: PublicUser;
	session: Session;
	refreshed: boolean;
}

/** Sign-up, sign-in and sign-out, over the user and session stores. */
export class AuthService {
	#users: UserStore;
	#sessions: SessionStore;
	#throttle: LoginThrottle;

	constructor(deps: { users: UserStore; sessions: SessionStore; throttle?: LoginThrottle }) {
		this.#users = deps.users;
		this.#sessions = deps.sessions;
		this.#throttle = deps.throttle ?? new LoginThrottle();
	}

	/** Creates a coach account (clients join through invites) and signs it in. */
	async signupCoach(input: SignupInput): Promise<Result<SignedIn>> {
		if (this.#users.byEmail(input.email)) {
			return err('conflict', 'An account with this email already exists. Sign in instead.');
		}
		const passwordHash = await hashPassword(input.password);
		// Checked again inside the insert: two sign-ups racing for one email get one account.
		const user = this.#users.create({ ...input, role: 'coach', passwordHash });
		if (!user) {
			return err('conflict', 'An account with this email already exists. Sign in instead.');
		}
		return ok(this.#signIn(toPublic(user)));
	}

	async login(input: LoginInput, clientAddress: string): Promise<Result<SignedIn>> {
		const accountKey = `account:${input.email}`;
		const addressKey = `address:${clientAddress}`;
		const wait = Math.max(
			this.#throttle.retryAfterSeconds(accountKey, throttleRules.account),
			this.#throttle.retryAfterSeconds(addressKey, throttleRules.address)
		);
		if (wait > 0) {
			return err(
				'rate-limited',
				`Too many failed sign-in attempts. Try again in ${describeWait(wait)}.`,
				{
					retryAfterSeconds: wait
				}
			);
		}
		const user = this.#users.byEmail(input.email);
		const valid = user
			? await verifyPassword(user.passwordHash, input.password)
			: // Same work for an unknown email, so timing does not reveal which emails have accounts.
				await verifyPassword(await dummyPasswordHash(), input.password).then(() => false);
		if (!user || !valid) {
			this.#throttle.recordFailure(accountKey, throttleRules.account);
			this.#throttle.recordFailure(addressKey, throttleRules.address);
			return err('invalid-credentials', 'That email and password do not match.');
		}
		this.#throttle.reset(accountKey);
		return ok(this.#signIn(toPublic(user)));
	}

	/** Signs in a user whose credentials were checked elsewhere (e.g. just accepted an invite). */
	signInUser(user: PublicUser): SignedIn {
		return this.#signIn(user);
	}

	logout(sessionId: string): void {
		this.#sessions.invalidate(sessionId);
	}

	current(token: string | undefined): CurrentUser | null {
		const validated = this.#sessions.validate(token);
		if (!validated) {
			return null;
		}
		const user = this.#users.byId(validated.session.userId);
		if (!user) {
			return null;
		}
		return { user: toPublic(user), session: validated.session, refreshed: validated.refreshed };
	}

	sweep(): void {
		this.#sessions.deleteExpired();
		this.#throttle.sweep(Math.max(throttleRules.account.windowMs, throttleRules.address.windowMs));
	}

	#signIn(user: PublicUser): SignedIn {
		const { token, session } = this.#sessions.create(user.id);
		return { user, token, session };
	}
}

function describeWait(seconds: number): string {
	const minutes = Math.ceil(seconds / 60);
	return seconds < 60 ? `${seconds} seconds` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
