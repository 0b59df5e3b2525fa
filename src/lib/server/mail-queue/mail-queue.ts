import type { AppDatabase } from '../database/app-database';
import type { MailMessage, Mailer } from '../mail/mailer';
import { DrainLoop } from './drain-loop';
import {
	MailQueueStore,
	type ClaimedMail,
	type MailQueuePolicy,
	type QueueMeta,
	type QueuedMailStatus,
	type SendResult
} from './mail-queue-store';

/** Told when a queued email reaches its final status (sent, outbox or failed). */
export type SettledListener = (ref: string, status: QueuedMailStatus) => void;

/**
 * Writes an email just before it is sent, from what is true then (a digest counts the messages
 * still unread); null drops it unsent (settled as failed, 'nothing to send').
 */
export type Composer = (ref: string, queued: MailMessage) => MailMessage | null;

export interface MailQueueDeps {
	store: MailQueueStore;
	mailer: Mailer;
	/** How often the loop looks for retries that fell due. */
	intervalMs?: number;
	log?: (message: string, error: unknown) => void;
}

/**
 * Durable email: `enqueue` writes the message into SQLite inside the caller's transaction (so
 * the email exists exactly when what caused it does); the drain loop claims, sends and marks it.
 * Exactly once while the process lives; at least once across a crash between the mail server's
 * acceptance and the "sent" mark (the claim lapses after its lease and the email is sent again).
 * A mail server that is down only delays the email: it is retried with backoff, then given up.
 * An email queued with `expiresAt` is never sent after it (settled as failed, 'expired').
 */
export class MailQueue {
	#d: MailQueueDeps;
	#loop: DrainLoop;
	#listeners = new Set<SettledListener>();
	#composers: [prefix: string, compose: Composer][] = [];
	#timers = new Set<ReturnType<typeof setTimeout>>();

	constructor(deps: MailQueueDeps) {
		this.#d = deps;
		this.#loop = new DrainLoop({
			pass: () => this.#pass(),
			intervalMs: deps.intervalMs ?? 15_000,
			...(deps.log ? { log: deps.log } : {})
		});
	}

	/** Queues an email; call inside the transaction that records its cause. Null if `ref` was queued before. */
	enqueue(message: MailMessage, meta: QueueMeta): string | null {
		return this.#d.store.enqueue(message, meta);
	}

	/**
	 * Drops the unsent emails whose ref starts with `refPrefix` (settled as failed with `reason`,
	 * listeners told): e.g. the queued reminders of a booking that was cancelled or moved.
	 */
	withdraw(refPrefix: string, reason: string): number {
		const settled = this.#d.store.withdraw(refPrefix, reason);
		for (const row of settled) {
			this.#settled(row.ref, 'failed');
		}
		return settled.length;
	}

	/** Sends what is due now, in the background; resolves with how many emails were handled. */
	kick(): Promise<number> {
		return this.#loop.kick();
	}

	/** Emails whose ref starts with `refPrefix` are passed through `compose` before each send. */
	composeBefore(refPrefix: string, compose: Composer): void {
		this.#composers.push([refPrefix, compose]);
	}

	/** The ref of an unsent email starting with `refPrefix` that no send has claimed yet. */
	waitingRef(refPrefix: string): string | null {
		return this.#d.store.waitingRef(refPrefix);
	}

	/** Kicks the loop once `at` has come (a delayed email), in case the loop sleeps longer. */
	kickAt(at: number, now: number): void {
		const timer = setTimeout(
			() => {
				this.#timers.delete(timer);
				void this.kick();
			},
			Math.max(0, at - now)
		);
		timer.unref();
		this.#timers.add(timer);
	}

	onSettled(listener: SettledListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** After the server listens: sends what was queued while it was down. */
	start(): void {
		this.#loop.start();
	}

	/** Before the database closes: waits for the send in flight. */
	stop(): Promise<void> {
		this.#timers.forEach((timer) => clearTimeout(timer));
		this.#timers.clear();
		return this.#loop.stop();
	}

	/** Resolves once no pass runs (tests). */
	idle(): Promise<void> {
		return this.#loop.idle();
	}

	async #pass(): Promise<number> {
		// Given up after interrupted sends, or expired unsent (a reminder once its session began).
		for (const settled of await this.#d.store.sweep()) {
			this.#settled(settled.ref, 'failed');
		}
		let handled = 0;
		// Failed rows fall due again while a long pass runs: stop() must not wait for all of them.
		while (!this.#loop.stopping) {
			const batch = await this.#d.store.claimDue();
			if (batch.length === 0) {
				break;
			}
			for (const mail of batch) {
				if (this.#loop.stopping) {
					await this.#d.store.release(mail);
					continue;
				}
				const message = this.#compose(mail);
				if (message === null) {
					if (await this.#d.store.drop(mail, 'nothing to send')) {
						this.#settled(mail.ref, 'failed');
					}
					handled += 1;
					continue;
				}
				const status = await this.#d.store.finish(mail, await this.#send({ ...mail, message }));
				if (status && status !== 'pending') {
					this.#settled(mail.ref, status);
				}
				handled += 1;
			}
		}
		return handled;
	}

	#compose(mail: ClaimedMail): MailMessage | null {
		const ref = mail.ref;
		const entry = ref === null ? undefined : this.#composers.find(([p]) => ref.startsWith(p));
		if (!entry || ref === null) {
			return mail.message;
		}
		try {
			return entry[1](ref, mail.message);
		} catch (error) {
			// A composer bug must not wedge the row or lose the email: send what was queued.
			(this.#d.log ?? console.error)('mail composer failed', error);
			return mail.message;
		}
	}

	async #send(mail: ClaimedMail): Promise<SendResult> {
		try {
			const outcome = await this.#d.mailer.send(mail.message);
			return outcome.status === 'failed' ? outcome : { status: outcome.status };
		} catch (error) {
			// Mailers report failures as data; a throw is a bug, but must not wedge the row.
			return { status: 'failed', error: error instanceof Error ? error.message : String(error) };
		}
	}

	#settled(ref: string | null, status: QueuedMailStatus): void {
		if (ref === null) {
			return;
		}
		for (const listener of this.#listeners) {
			try {
				listener(ref, status);
			} catch (error) {
				(this.#d.log ?? console.error)('mail queue listener failed', error);
			}
		}
	}
}

const wholeMs = (env: Record<string, string | undefined>, name: string): number | undefined => {
	const raw = env[name];
	if (raw === undefined || raw === '') {
		return undefined;
	}
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) {
		throw new Error(`${name} must be a whole number of ms, got "${raw}"`);
	}
	return value;
};

/**
 * The server's queue. Tests shorten its timing with TANDEM_MAIL_RETRY_MS (first backoff),
 * TANDEM_MAIL_LEASE_MS (claim lease) and TANDEM_MAIL_DRAIN_MS (loop interval); production
 * leaves them unset.
 */
export function mailQueueFromEnv(
	deps: { database: AppDatabase; mailer: Mailer; now?: () => number },
	env: Record<string, string | undefined>
): MailQueue {
	const policy = {
		retryBaseMs: wholeMs(env, 'TANDEM_MAIL_RETRY_MS'),
		leaseMs: wholeMs(env, 'TANDEM_MAIL_LEASE_MS')
	};
	const defined = Object.fromEntries(Object.entries(policy).filter(([, v]) => v !== undefined));
	const intervalMs = wholeMs(env, 'TANDEM_MAIL_DRAIN_MS');
	return new MailQueue({
		store: new MailQueueStore(deps.database, deps.now, defined as Partial<MailQueuePolicy>),
		mailer: deps.mailer,
		...(intervalMs ? { intervalMs } : {})
	});
}
