import type { Role } from '../domain/account';

/**
 * An engagement as `GET /api/engagements` describes it (see the README), plus one status only
 * this device knows: `closed`, an engagement the server stopped listing (the coach deleted their
 * account, the client's, or the coach ended it). Its documents stay readable from this device's
 * copies, never sync again, and are still exported (docs/own-your-data.md).
 */
export interface EngagementSummary {
	id: string;
	status: 'pending' | 'active' | 'ended' | 'closed';
	/** When this device noticed the server no longer lists it (only with status `closed`). */
	closedAt?: number;
	/**
	 * `profile` is absent in lists cached before the server published profiles; `formerIds`
	 * (ids from before an import, domain/identity.ts) likewise.
	 */
	coach: { id: string; name: string; profile?: CoachPublicProfile | null; formerIds?: string[] };
	/** `phone` is absent in lists cached before the server published it. */
	client: {
		id: string | null;
		name: string;
		email: string;
		phone?: string | null;
		formerIds?: string[];
	};
	docs: { shared: string; subscription: string };
	package?: { id: string; name: string } | null;
}

/** What a coach publishes for their clients (`PUT /api/profile`); dates are ISO strings. */
export interface CoachPublicProfile {
	bio: string;
	/** A small `data:image/...` URL, or null. */
	photo: string | null;
	links: { label: string; url: string }[];
	greeting: string;
	updatedAt: string;
}

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
