import { isPresenceState } from '../domain/presence';

/**
 * Awareness is per document, and one document holds many notes: a cursor is shown only when
 * its owner is in the same note (`note` field of their presence), and never our own.
 */
export function cursorFilter(noteKey: string) {
	return (ownClientId: number, clientId: number, state: unknown): boolean =>
		ownClientId !== clientId && isPresenceState(state) && state.note === noteKey;
}

/**
 * The caret and name label drawn where another person's cursor is. Built with DOM calls (never
 * innerHTML): the name comes from the other side. The label is visual; the presence list next
 * to the editor says the same to screen readers, so it is hidden from them here.
 */
export function cursorLabel(user: { name?: unknown; color?: unknown }): HTMLElement {
	const caret = document.createElement('span');
	caret.className = 'note-cursor';
	const color = typeof user.color === 'string' ? user.color : '#1d4ed8';
	caret.style.borderColor = color;
	caret.setAttribute('aria-hidden', 'true');
	const label = document.createElement('span');
	label.className = 'note-cursor-label';
	label.style.backgroundColor = color;
	label.textContent = typeof user.name === 'string' ? user.name : 'Someone';
	caret.append('\u2060', label, '\u2060');
	return caret;
}
