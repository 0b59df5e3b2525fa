import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import type { Actor } from '../../docs/actor';
import type { WriteResult } from '../../docs/result';
import * as sub from '../../docs/subscription-doc';
import { eventIds, type NotificationKind } from '../../domain/notification-kinds';
import {
	awaitingOutcome,
	sessionUsage,
	type SessionEntry,
	type SessionPackage,
	type SessionUsage
} from '../../domain/sessions';
import { ledgerRows, type LedgerRow } from './ledger-rows';

/** Tells the server about a change made here (see state/notifications/report-event.ts). */
export type SubscriptionReport = (kind: NotificationKind, eventId: string) => void;

/** The coach's side: who writes, and how recorded sessions reach the client as notifications. */
export interface SubscriptionWriter {
	actor: Actor;
	report?: SubscriptionReport | null;
}

interface Snapshot {
	version: number;
	pkg: SessionPackage | null;
	usage: SessionUsage;
	rows: LedgerRow[];
	ledger: readonly SessionEntry[];
	bookings: readonly sub.BookingEntry[];
}

/**
 * The UI's view of one `sub:` document: the package, how much of it is used, and the session
 * ledger with each row's history. The coach's view has a writer (record, correct); the client's
 * has none, so it cannot write, and the sync server would refuse its updates anyway.
 *
 * ```ts
 * const view = registry.view(docName, (doc) => new SubscriptionView(doc, { actor, report }));
 * view.current?.usage.remaining; view.current?.rows[0]?.earlier.length; // reactive
 * view.current?.record({ kind: 'phone', startedAt, endedAt, outcome: 'completed' });
 * ```
 */
export class SubscriptionView {
	readonly #doc: Y.Doc;
	readonly #writer: SubscriptionWriter | null;
	readonly #subscribe: () => void;
	#version = 0;
	#cached: Snapshot | null = null;

	constructor(doc: Y.Doc, writer: SubscriptionWriter | null = null) {
		this.#doc = doc;
		this.#writer = writer;
		this.#subscribe = createSubscriber((update) =>
			sub.onChange(doc, () => {
				this.#version += 1;
				update();
			})
		);
	}

	get canWrite(): boolean {
		return this.#writer !== null;
	}

	get package(): SessionPackage | null {
		return this.#read().pkg;
	}

	get usage(): SessionUsage {
		return this.#read().usage;
	}

	get rows(): readonly LedgerRow[] {
		return this.#read().rows;
	}

	/**
	 * Booked sessions that have started and have no outcome yet, oldest first: the coach records
	 * what happened against the booking instead of typing the session again.
	 */
	awaitingOutcome(now: number): sub.BookingEntry[] {
		const { ledger, bookings } = this.#read();
		return awaitingOutcome(ledger, bookings, now);
	}

	/** Records a session; the client is notified ("session recorded"), once, by the server. */
	record(input: sub.SessionInput): WriteResult<string> {
		if (!this.#writer) {
			return { ok: false, error: 'invalid-input', message: 'Only the coach records sessions.' };
		}
		const recorded = sub.recordSession(this.#doc, this.#writer.actor, input);
		if (recorded.ok) {
			// Corrections are not reported: the client hears of a session once.
			this.#writer.report?.('session-recorded', eventIds.session(recorded.value));
		}
		return recorded;
	}

	/** `sessionId`: any version of the session; the correction extends its chain. */
	correct(sessionId: string, input: sub.SessionInput): WriteResult<string> {
		return this.#writer
			? sub.correctSession(this.#doc, this.#writer.actor, { sessionId, ...input })
			: { ok: false, error: 'invalid-input', message: 'Only the coach corrects sessions.' };
	}

	// Read together once per document change (not once per getter); clicks read fresh because
	// the version moved.
	#read(): Snapshot {
		this.#subscribe();
		if (this.#cached?.version !== this.#version) {
			const pkg = sub.readPackage(this.#doc);
			const ledger = sub.listLedger(this.#doc);
			const bookings = sub.listBookings(this.#doc);
			this.#cached = {
				version: this.#version,
				pkg,
				usage: sessionUsage(ledger, pkg, bookings),
				rows: ledgerRows(ledger),
				ledger,
				bookings
			};
		}
		return this.#cached;
	}
}
