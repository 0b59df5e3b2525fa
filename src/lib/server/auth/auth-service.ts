import type { PublicUser } from '../../domain/account';
import { err, ok, type Result } from '../errors';
import { toPublic, type UserStore } from '../users';
import type { LoginInput } from '../../api/auth';
import type { ThrottleRule } from './login-throttle';
import { dummyPasswordHash, verifyPassword } from './password';
import type { Session, SessionStore } from './session-store';
import { SignInGuard } from './sign-in-guard';

export const throttleRules = {
	// Re-entering one's password while signed in (account deletion): five tries per quarter hour.
	account: { maxFailures: 5, windowMs: 15 * 60 * 1000 }
} satisfies Record<string, ThrottleRule>;

/** Told when an account sees a burst of failed sign-ins (once per burst), to warn its owner. */
export type FailureBurstListener = (user: PublicUser) => void;

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

/** Sign-in and sign-out, over the user and session stores (sign-up: SignupService). */
export class AuthService {
	#users: UserStore;
	#sessions: SessionStore;
	#guard: SignInGuard;
	#burstListeners = new Set<FailureBurstListener>();

	constructor(deps: { users: UserStore; sessions: SessionStore; guard?: SignInGuard }) {
		this.#users = deps.users;
		this.#sessions = deps.sessions;
		this.#guard = deps.guard ?? new SignInGuard();
	}

	onFailureBurst(listener: FailureBurstListener): () => void {
		this.#burstListeners.add(listener);
		return () => this.#burstListeners.delete(listener);
	}

	/** `userAgent` names the new session in the devices list. */
	async login(input: LoginInput, clientAddress: string, userAgent = ''): Promise<Result<SignedIn>> {
		const wait = this.#guard.retryAfterSeconds(input.email, clientAddress);
		if (wait > 0) {
			return err(
				'rate-limited',
				`Too many failed sign-in attempts from here. Try again in ${describeWait(wait)}.`,
				{ retryAfterSeconds: wait }
			);
		}
		const user = await this.#users.byEmail(input.email);
		const valid = user
			? await verifyPassword(user.passwordHash, input.password)
			: // Same work for an unknown email, so timing does not reveal which emails have accounts.
				await verifyPassword(await dummyPasswordHash(), input.password).then(() => false);
		if (!user || !valid) {
			const { burst } = this.#guard.failed(input.email, clientAddress);
			if (burst && user) {
				this.#reportBurst(toPublic(user));
			}
			return err('invalid-credentials', 'That email and password do not match.');
		}
		this.#guard.succeeded(input.email, clientAddress);
		return ok(await this.#signIn(toPublic(user), userAgent));
	}

	/** Signs in a user whose credentials were checked elsewhere (e.g. just accepted an invite). */
	signInUser(user: PublicUser, userAgent = ''): Promise<SignedIn> {
		return this.#signIn(user, userAgent);
	}

	async logout(sessionId: string): Promise<void> {
		await this.#sessions.invalidate(sessionId);
	}

	async current(token: string | undefined, userAgent = ''): Promise<CurrentUser | null> {
		const validated = await this.#sessions.validate(token, userAgent);
		if (!validated) {
			return null;
		}
		const user = await this.#users.byId(validated.session.userId);
		if (!user) {
			return null;
		}
		return { user: toPublic(user), session: validated.session, refreshed: validated.refreshed };
	}

	async sweep(): Promise<void> {
		await this.#sessions.deleteExpired();
		this.#guard.sweep();
	}

	#reportBurst(user: PublicUser): void {
		for (const listener of this.#burstListeners) {
			try {
				listener(user);
			} catch (error) {
				// A failed warning must not turn a wrong password into a server error.
				console.error('failed sign-in burst listener failed', error);
			}
		}
	}

	async #signIn(user: PublicUser, userAgent: string): Promise<SignedIn> {
		const { token, session } = await this.#sessions.create(user.id, userAgent);
		return { user, token, session };
	}
}

function describeWait(seconds: number): string {
	const minutes = Math.ceil(seconds / 60);
	return seconds < 60 ? `${seconds} seconds` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
