import type { Role } from '../domain/account';

/** An engagement as `GET /api/engagements` describes it (see the README). */
export interface EngagementSummary {
	id: string;
	status: 'pending' | 'active' | 'ended';
	/** `profile` is absent in lists cached before the server published profiles. */
	coach: { id: string; name: string; profile?: CoachPublicProfile | null };
	/** `phone` is absent in lists cached before the server published it. */
	client: { id: string | null; name: string; email: string; phone?: string | null };
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
