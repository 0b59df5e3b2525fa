import type { EngagementSummary } from '../api/engagements';
import type { Role } from '../domain/account';

export interface EngagementList {
	engagements: EngagementSummary[];
	coachDoc?: string;
	/** When the server last confirmed this list (ms since epoch). */
	fetchedAt: number;
}

// The list of a user's engagements, kept per user so the app can open their documents offline.
const key = (userId: string) => `tandem.engagements:${userId}`;

export function saveEngagements(userId: string, list: EngagementList): void {
	localStorage.setItem(key(userId), JSON.stringify(list));
}

/**
 * The new cached list after the server answered: the server's list, then every engagement the
 * device had that the server no longer lists, kept as `closed` (newest cached state, first
 * closing time kept). A vanished *pending* one is dropped: an invitation withdrawn before anyone
 * accepted it held nothing shared. An engagement the server lists again is the server's again.
 */
export function mergeEngagementLists(
	server: Omit<EngagementList, 'fetchedAt'>,
	cached: EngagementList | null,
	now: number
): EngagementList {
	const listed = new Set(server.engagements.map((e) => e.id));
	const kept = (cached?.engagements ?? [])
		.filter((e) => !listed.has(e.id) && e.status !== 'pending')
		.map((e): EngagementSummary => ({ ...e, status: 'closed', closedAt: e.closedAt ?? now }));
	return { ...server, engagements: [...server.engagements, ...kept], fetchedAt: now };
}

/** The cached list without one engagement ("Remove from this device"). */
export function withoutEngagement(list: EngagementList, engagementId: string): EngagementList {
	return { ...list, engagements: list.engagements.filter((e) => e.id !== engagementId) };
}

export function loadEngagements(userId: string): EngagementList | null {
	try {
		const value = JSON.parse(localStorage.getItem(key(userId)) ?? 'null') as EngagementList | null;
		return value && Array.isArray(value.engagements) ? value : null;
	} catch {
		return null;
	}
}

/** The other person in an engagement, from the viewer's side. */
export function counterpart(engagement: EngagementSummary, viewer: Role): { name: string } {
	return viewer === 'coach' ? engagement.client : engagement.coach;
}
