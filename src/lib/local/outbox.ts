/**
 * The offline queue for operations only the server can decide (send an invite, accept it, book a
 * slot). They wait here, in Dexie, until the server answers, and the UI shows them as pending
 * (src/lib/state/app/outbox-state.svelte.ts). Operations where a late answer makes no sense are
 * refused by their caller while offline; this queue takes whatever it is given.
 *
 * Every entry has a client-generated id, sent as the `Idempotency-Key` header. A retry after a
 * lost response therefore repeats the same key, and the SERVER MUST honour it (answer a repeated
 * key with the first outcome instead of acting twice), or a flaky network duplicates invites.
 *
 *     const outbox = new Outbox({ db });
 *     await outbox.enqueue({ kind: 'invite.send', payload: { email }, dedupeKey: `invite:${email}` });
 *     const stop = startOutbox({ outbox, send }); // flushes now, on `online`, on a backoff timer
 */
import { randomId, type Clock, type IdSource } from '../docs/actor';
import type { OutboxRow, TandemIndexDb } from './db';

/** What the injected sender makes of one attempt. */
export type SendResult =
	/** The server accepted it (2xx): the entry is removed. */
	| 'sent'
	/** Offline, timed out, 5xx, 429: try again later, keeping the order. */
	| 'retry'
	/** The server refused it for good (4xx): the entry is marked failed with this message. */
	| { readonly rejected: string };

export interface OutboxRequest {
	readonly id: string;
	readonly kind: string;
	readonly payload: unknown;
	/** 1 on the first attempt. */
	readonly attempt: number;
	readonly headers: { readonly 'Idempotency-Key': string };
}

export type OutboxSend = (request: OutboxRequest) => Promise<SendResult>;

export interface FlushReport {
	readonly sent: number;
	readonly rejected: number;
	/** When the head entry may be tried again, or null if nothing waits for a retry. */
	readonly retryAt: number | null;
}

/** Delay before attempt `attempts + 1`, given how many attempts failed so far. */
export type Backoff = (attempts: number) => number;

/** 2 s, 4 s, 8 s … capped at 5 minutes, each ±25 % so reconnecting tabs do not retry in step. */
export function exponentialBackoff(random: () => number = Math.random): Backoff {
	return (attempts) => {
		const base = Math.min(300_000, 2_000 * 2 ** Math.max(0, attempts - 1));
		return Math.round(base * (0.75 + random() * 0.5));
	};
}

export interface EnqueueInput {
	kind: string;
	/** Stored with structured clone: plain data only. */
	payload: unknown;
	/** A newer entry with the same key replaces one that has not started sending. */
	dedupeKey?: string;
}

export class Outbox {
	readonly #db: TandemIndexDb;
	readonly #now: Clock;
	readonly #newId: IdSource;
	readonly #backoff: Backoff;
	readonly #listeners = new Set<() => void>();
	#flushing: Promise<FlushReport> | null = null;

	constructor(options: { db: TandemIndexDb; now?: Clock; newId?: IdSource; backoff?: Backoff }) {
		this.#db = options.db;
		this.#now = options.now ?? Date.now;
		this.#newId = options.newId ?? randomId;
		this.#backoff = options.backoff ?? exponentialBackoff();
	}

	get db(): TandemIndexDb {
		return this.#db;
	}

	/**
	 * Queues a request. With a `dedupeKey`, a waiting or failed entry with the same key is
	 * dropped and the new one goes to the end: the latest intent wins, in the order it was made.
	 * An entry already sending is left alone (it cannot be recalled), so both are sent.
	 */
	async enqueue(input: EnqueueInput): Promise<OutboxRow> {
		const now = this.#now();
		const row: OutboxRow = {
			// A fresh id even when replacing: the old id may already have reached the server
			// with the old payload, and the server would answer the new one from that.
			id: this.#newId(),
			kind: input.kind,
			payload: input.payload,
			dedupeKey: input.dedupeKey ?? null,
			status: 'pending',
			attempts: 0,
			nextAttemptAt: now,
			createdAt: now,
			error: null
		};
		await this.#db.transaction('rw', this.#db.outbox, async () => {
			if (row.dedupeKey !== null) {
				await this.#db.outbox
					.where('dedupeKey')
					.equals(row.dedupeKey)
					.filter((entry) => entry.status !== 'sending')
					.delete();
			}
			row.seq = await this.#db.outbox.add(row);
		});
		this.#listeners.forEach((listener) => listener());
		return row;
	}

	/** Called after every enqueue (the runner flushes); returns the unsubscribe function. */
	onEnqueue(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/**
	 * The server is reachable again (a sync connection came back): waiting entries become due
	 * now instead of sitting out a backoff that was meant for an unreachable server.
	 */
	async resume(): Promise<void> {
		const now = this.#now();
		await this.#db.outbox.where('status').equals('pending').modify({ nextAttemptAt: now });
	}

	/** Every entry, in sending order. */
	list(): Promise<OutboxRow[]> {
		return this.#db.outbox.orderBy('seq').toArray();
	}

	/**
	 * Sends due entries in order, one at a time. A 'retry' stops the flush: later entries may
	 * depend on this one (accept the invite before booking), so they wait behind it. Rejected
	 * entries stay as failed for the user to see, and do not block the ones behind them.
	 * Concurrent calls share one flush.
	 */
	flush(send: OutboxSend): Promise<FlushReport> {
		this.#flushing ??= this.#flushAll(send).finally(() => (this.#flushing = null));
		return this.#flushing;
	}

	async #flushAll(send: OutboxSend): Promise<FlushReport> {
		await this.#recoverInterrupted();
		let sent = 0;
		let rejected = 0;
		// Bounded: each pass settles one entry, and only enqueue (not this loop) adds more.
		for (let pass = 0; pass < 10_000; pass++) {
			const entry = await this.#claimNext();
			if (entry === null) {
				return { sent, rejected, retryAt: null };
			}
			if (entry.status !== 'sending') {
				return { sent, rejected, retryAt: entry.nextAttemptAt };
			}
			const result = await this.#attempt(send, entry);
			if (result === 'sent') {
				sent++;
			} else if (result === 'retry') {
				return { sent, rejected, retryAt: entry.nextAttemptAt };
			} else {
				rejected++;
			}
		}
		return { sent, rejected, retryAt: this.#now() };
	}

	/**
	 * Entries left 'sending' by a closed tab or a crash: their answer is unknown, so they go
	 * back to pending and are sent again under the same Idempotency-Key.
	 */
	async #recoverInterrupted(): Promise<void> {
		await this.#db.outbox.where('status').equals('sending').modify({ status: 'pending' });
	}

	/** The first pending entry, marked 'sending' if it is due; null when none is pending. */
	async #claimNext(): Promise<OutboxRow | null> {
		return this.#db.transaction('rw', this.#db.outbox, async () => {
			const head = await this.#db.outbox
				.orderBy('seq')
				.filter((entry) => entry.status === 'pending')
				.first();
			if (!head || head.nextAttemptAt > this.#now()) {
				return head ?? null;
			}
			const claimed = { ...head, status: 'sending' as const, attempts: head.attempts + 1 };
			await this.#db.outbox.put(claimed);
			return claimed;
		});
	}

	async #attempt(send: OutboxSend, entry: OutboxRow): Promise<SendResult> {
		let result: SendResult;
		let reason: string | null = null;
		try {
			result = await send({
				id: entry.id,
				kind: entry.kind,
				payload: entry.payload,
				attempt: entry.attempts,
				headers: { 'Idempotency-Key': entry.id }
			});
		} catch (error) {
			// fetch rejects when offline or the connection drops: the answer is unknown.
			result = 'retry';
			reason = error instanceof Error ? error.message : String(error);
		}
		await this.#settle(entry, result, reason);
		return result;
	}

	async #settle(entry: OutboxRow, result: SendResult, reason: string | null): Promise<void> {
		const seq = entry.seq!;
		if (result === 'sent') {
			await this.#db.outbox.delete(seq);
		} else if (result === 'retry') {
			entry.status = 'pending';
			entry.nextAttemptAt = this.#now() + this.#backoff(entry.attempts);
			entry.error = reason;
			await this.#db.outbox.put(entry);
		} else {
			await this.#db.outbox.update(seq, { status: 'failed', error: result.rejected });
		}
	}

	/** Puts a failed entry back in the queue (the user fixed the cause, or wants to try again). */
	async retry(id: string): Promise<void> {
		await this.#db.outbox
			.where('id')
			.equals(id)
			.filter((entry) => entry.status === 'failed')
			.modify({ status: 'pending', error: null, attempts: 0, nextAttemptAt: this.#now() });
		this.#listeners.forEach((listener) => listener());
	}

	/** Drops an entry that is not being sent; returns whether one was dropped. */
	async discard(id: string): Promise<boolean> {
		const count = await this.#db.outbox
			.where('id')
			.equals(id)
			.filter((entry) => entry.status !== 'sending')
			.delete();
		return count > 0;
	}
}
