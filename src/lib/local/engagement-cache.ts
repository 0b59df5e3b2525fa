import type { Role } from '../domain/account';

/** An engagement as `GET /api/engagements` describes it (see the README). */
export interface EngagementSummary {
	id: string;
	status: 'pending' | 'active' | 'ended';
	coach: { id: string; name: string };
	client: { id: string | null; name: string; email: string };
	docs: { shared: string; subscription: string };
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
