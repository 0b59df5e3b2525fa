import { createSubscriber } from 'svelte/reactivity';
import type { Awareness } from 'y-protocols/awareness';
import { peersIn, presenceColor, type PresenceState } from '../../domain/presence';

/**
 * This person's presence on one document, and who else is there: the one bridge between a
 * document's awareness and the UI. Publishes `{ user, note }`; `leave()` withdraws it.
 *
 *     const presence = new Presence(handle.awareness, { userId: user.id, name: user.name });
 *     presence.openNote(noteId);
 *     presence.peersInNote; // reactive: [{ user: { name, color }, note }]
 */
export class Presence {
	#awareness: Awareness;
	#userId: string;
	#subscribe: () => void;

	constructor(awareness: Awareness, me: { userId: string; name: string }) {
		this.#awareness = awareness;
		this.#userId = me.userId;
		this.#subscribe = createSubscriber((update) => {
			awareness.on('change', update);
			return () => awareness.off('change', update);
		});
		awareness.setLocalStateField('user', {
			userId: me.userId,
			name: me.name,
			color: presenceColor(me.userId)
		});
		awareness.setLocalStateField('note', null);
	}

	get color(): string {
		return presenceColor(this.#userId);
	}

	/** The note this person has open, as published. */
	get note(): string | null {
		this.#subscribe();
		const note: unknown = this.#awareness.getLocalState()?.note;
		return typeof note === 'string' ? note : null;
	}

	/** Everyone else on this document (in any note or none). */
	get peers(): PresenceState[] {
		return this.#peers(undefined);
	}

	/** Everyone else with the currently open note open. */
	get peersInNote(): PresenceState[] {
		const note = this.note;
		return note === null ? [] : this.#peers(note);
	}

	openNote(noteId: string | null): void {
		this.#awareness.setLocalStateField('note', noteId);
	}

	/** Stop appearing to others (the view went away; the document may stay open). */
	leave(): void {
		this.#awareness.setLocalStateField('note', null);
		this.#awareness.setLocalStateField('user', null);
	}

	#peers(note: string | null | undefined): PresenceState[] {
		this.#subscribe();
		return peersIn(this.#awareness.getStates(), {
			ownClientId: this.#awareness.clientID,
			ownUserId: this.#userId,
			note
		});
	}
}
