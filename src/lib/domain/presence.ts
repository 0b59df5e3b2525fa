/**
 * What each person publishes in a document's awareness (y-protocols): who they are and which
 * note they have open. y-prosemirror adds `cursor` next to these while they edit.
 */
export interface PresenceUser {
	readonly userId: string;
	readonly name: string;
	/** #rrggbb: y-prosemirror only accepts six-digit colours. */
	readonly color: string;
}

export interface PresenceState {
	readonly user: PresenceUser;
	/** The note open in the editor, or null while browsing the list. */
	readonly note: string | null;
}

export function isPresenceState(value: unknown): value is PresenceState {
	if (typeof value !== 'object' || value === null) {
		return false;
	}
	const { user, note } = value as Partial<Record<keyof PresenceState, unknown>>;
	if (typeof user !== 'object' || user === null) {
		return false;
	}
	const { userId, name, color } = user as Partial<Record<keyof PresenceUser, unknown>>;
	return (
		typeof userId === 'string' &&
		typeof name === 'string' &&
		typeof color === 'string' &&
		(note === null || note === undefined || typeof note === 'string')
	);
}

/*
 * Dark enough for white label text (contrast ≥ 4.5:1, checked by presence.test.ts) and told
 * apart by hue. A person keeps their colour on every device: it follows from their user id.
 */
export const PRESENCE_COLORS = [
	'#1d4ed8',
	'#9d174d',
	'#047857',
	'#7c2d12',
	'#6d28d9',
	'#0f766e',
	'#a21caf',
	'#b91c1c'
] as const;

export function presenceColor(userId: string): string {
	let hash = 0;
	for (const char of userId) {
		hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
	}
	return PRESENCE_COLORS[hash % PRESENCE_COLORS.length] ?? PRESENCE_COLORS[0];
}

/** Other people (one entry per user, however many tabs) present in the document, by name. */
export function peersIn(
	states: ReadonlyMap<number, unknown>,
	options: { ownClientId: number; ownUserId: string; note?: string | null }
): PresenceState[] {
	const byUser = new Map<string, PresenceState>();
	for (const [clientId, state] of states) {
		if (clientId === options.ownClientId || !isPresenceState(state)) {
			continue;
		}
		if (state.user.userId === options.ownUserId) {
			continue;
		}
		if (options.note !== undefined && state.note !== options.note) {
			continue;
		}
		byUser.set(state.user.userId, state);
	}
	return [...byUser.values()].sort((a, b) => a.user.name.localeCompare(b.user.name));
}
