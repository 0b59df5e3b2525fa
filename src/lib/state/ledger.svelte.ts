import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { createActor, type Actor } from '../docs/actor';
import type { WriteResult } from '../docs/result';
import * as sub from '../docs/subscription-doc';
import { eventIds, type NotificationKind } from '../domain/notification-kinds';
import {
	awaitingOutcome,
	sessionUsage,
	type SessionEntry,
	type SessionPackage,
	type SessionUsage
} from '../domain/sessions';
import type { DocRegistry } from '../local/doc-registry';
import { ledgerRows, type LedgerRow } from './ledger-history';

interface Snapshot {
	version: number;
	pkg: SessionPackage | null;
	usage: SessionUsage;
	rows: LedgerRow[];
	ledger: readonly SessionEntry[];
	bookings: readonly sub.BookingEntry[];
}

/**
 * The session ledger of one `sub:` document for the UI: rows with their history, the package
 * and its usage. The coach's view writes (record, correct); the client's has no actor, so it
 * cannot, and the sync server would refuse its updates anyway.
 *
 * ```ts
 * const ledger = new LedgerView(handle.doc, createActor({ userId }));
 * ledger.usage.remaining; ledger.rows[0]?.earlier.length;
 * ledger.record({ kind: 'phone', startedAt, endedAt, outcome: 'completed' });
 * ```
 */
/** Tells the server about a change made here (see state/notification-events.ts). */
export type LedgerReport = (kind: NotificationKind, eventId: string) => void;

export class LedgerView {
	readonly #doc: Y.Doc;
	readonly #actor: Actor | null;
	readonly #report: LedgerReport | null;
	readonly #subscribe: () => void;
	#version = 0;
	#cached: Snapshot | null = null;

	constructor(doc: Y.Doc, actor: Actor | null = null, report: LedgerReport | null = null) {
		this.#doc = doc;
		this.#actor = actor;
		this.#report = report;
		this.#subscribe = createSubscriber((update) =>
			sub.onChange(doc, () => {
				this.#version += 1;
				update();
			})
		);
	}

	get canWrite(): boolean {
		return this.#actor !== null;
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
		if (!this.#actor) {
			return { ok: false, error: 'invalid-input', message: 'Only the coach records sessions.' };
		}
		const recorded = sub.recordSession(this.#doc, this.#actor, input);
		if (recorded.ok) {
			// Corrections are not reported: the client hears of a session once.
			this.#report?.('session-recorded', eventIds.session(recorded.value));
		}
		return recorded;
	}

	/** `sessionId`: any version of the session; the correction extends its chain. */
	correct(sessionId: string, input: sub.SessionInput): WriteResult<string> {
		return this.#actor
			? sub.correctSession(this.#doc, this.#actor, { sessionId, ...input })
			: { ok: false, error: 'invalid-input', message: 'Only the coach corrects sessions.' };
	}

	// Read together once per document change; clicks read fresh because the version moved.
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

/**
 * Opens a `sub:` document for as long as the owner lives and exposes its LedgerView once the
 * local copy is loaded (so it shows offline). Call `close()` from the owner's teardown:
 *
 * ```ts
 * $effect(() => { const open = new OpenLedger(registry, docName, userId); ledger = open; return () => open.close(); });
 * ```
 */
export class OpenLedger {
	#view = $state<LedgerView | null>(null);
	readonly #release: () => void;

	/** `report`: the writer's event reporter, so recorded sessions notify the client. */
	constructor(
		registry: DocRegistry,
		docName: string,
		writerId: string | null,
		report: LedgerReport | null = null
	) {
		const handle = registry.open(docName);
		let open = true;
		void handle.whenLoaded.then(() => {
			if (open) {
				this.#view = new LedgerView(
					handle.doc,
					writerId ? createActor({ userId: writerId }) : null,
					report
				);
			}
		});
		this.#release = () => {
			open = false;
			this.#view = null;
			handle.release();
		};
	}

	/** Null until the device's copy of the ledger is loaded. */
	get view(): LedgerView | null {
		return this.#view;
	}

	close(): void {
		this.#release();
	}
}
