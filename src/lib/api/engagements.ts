/**
 * The engagement half of the HTTP contract (`GET /api/engagements`, ending one, giving it a
 * package): one engagement as the server lists it, and as this device keeps it.
 */

/** What a coach publishes for their clients (`PUT /api/profile`); dates are ISO strings. */
export interface CoachPublicProfile {
	bio: string;
	/** A small `data:image/...` URL, or null. */
	photo: string | null;
	links: { label: string; url: string }[];
	greeting: string;
	updatedAt: string;
}

/** One engagement as the server sends it to either side. */
export interface ListedEngagement {
	id: string;
	status: 'pending' | 'active' | 'ended';
	/** `formerIds`: ids this person had on a server the engagement was imported from. */
	coach: { id: string; name: string; profile: CoachPublicProfile | null; formerIds: string[] };
	client: {
		id: string | null;
		name: string;
		email: string;
		phone: string | null;
		formerIds: string[];
	};
	/** The catalogue package last assigned; its terms are in the `sub:` document. */
	package: { id: string; name: string } | null;
	docs: { shared: string; subscription: string };
}

/** `GET /api/engagements`; `coachDoc` (their private document) only for coaches. */
export interface EngagementListBody {
	engagements: ListedEngagement[];
	coachDoc?: string;
}

/** `POST /api/engagements/<id>/end` and `.../package` → the engagement as it is now. */
export interface EngagementBody {
	engagement: ListedEngagement;
}

/**
 * An engagement as this device knows it: what the server listed (see the README), plus one
 * status only this device knows: `closed`, an engagement the server stopped listing (the coach
 * deleted their account, the client's, or the coach ended it). Its documents stay readable from
 * this device's copies, never sync again, and are still exported (docs/own-your-data.md).
 */
export interface EngagementSummary {
	id: string;
	status: ListedEngagement['status'] | 'closed';
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
