/**
 * Who wrote what, across servers. Documents name people by user id; after an import
 * (docs/own-your-data.md) the coach and client have new accounts while the restored history
 * still names their ids on the exporting server (and, after several moves, on servers before
 * it: exports carry the aliases along). Those old ids travel as `formerIds` on each side of an
 * engagement, and every "is this me / the coach / the client" question goes through here so
 * that an old id counts as the same person everywhere.
 */

/** One side of an engagement as the engagement list describes it. */
export interface PersonIds {
	id: string | null;
	/** Absent in lists cached before the server sent aliases. */
	formerIds?: readonly string[];
}

/** Every id a person has written under: the current one first. */
export function idsOf(person: PersonIds): string[] {
	const ids = person.id === null ? [] : [person.id];
	return [...ids, ...(person.formerIds ?? []).filter((id) => id !== person.id)];
}

/** Whether `userId` (from a document) is one of `ids`. */
export function sameActor(ids: readonly string[], userId: string | null | undefined): boolean {
	return typeof userId === 'string' && ids.includes(userId);
}

/**
 * Aliases an engagement may show: never a current id of either side, and never an id claimed
 * for both sides, so an alias can only ever add a name, not swap who someone is.
 */
export function cleanFormerIds(
	current: { coach: string; client: string | null },
	former: { coach: readonly string[]; client: readonly string[] }
): { coach: string[]; client: string[] } {
	const taken = new Set([current.coach, current.client]);
	const both = new Set(former.coach.filter((id) => former.client.includes(id)));
	const keep = (ids: readonly string[]) => [
		...new Set(ids.filter((id) => id.length > 0 && !taken.has(id) && !both.has(id)))
	];
	return { coach: keep(former.coach), client: keep(former.client) };
}

/** The two people of an engagement, seen by one of them. */
export interface EngagementPeopleInput {
	coach: PersonIds & { name: string };
	client: PersonIds & { name: string };
}

/**
 * Answers identity questions for one engagement from the viewer's side: `isMe`, `nameOf`.
 * The viewer is whichever side has `viewerId` as its current id; a viewer on neither side
 * (should not happen) is only themselves.
 */
export class EngagementPeople {
	readonly coachIds: readonly string[];
	readonly clientIds: readonly string[];
	readonly myIds: readonly string[];
	#names: { coach: string; client: string };

	constructor(engagement: EngagementPeopleInput, viewerId: string) {
		this.coachIds = idsOf(engagement.coach);
		this.clientIds = idsOf(engagement.client);
		this.#names = { coach: engagement.coach.name, client: engagement.client.name };
		if (engagement.coach.id === viewerId) {
			this.myIds = this.coachIds;
		} else if (engagement.client.id === viewerId) {
			this.myIds = this.clientIds;
		} else {
			this.myIds = [viewerId];
		}
	}

	isMe(userId: string | null | undefined): boolean {
		return sameActor(this.myIds, userId);
	}

	isCoach(userId: string | null | undefined): boolean {
		return sameActor(this.coachIds, userId);
	}

	isClient(userId: string | null | undefined): boolean {
		return sameActor(this.clientIds, userId);
	}

	/** The person's current name; "Someone" for an id of neither side. */
	nameOf(userId: string): string {
		if (this.isCoach(userId)) {
			return this.#names.coach;
		}
		return this.isClient(userId) ? this.#names.client : 'Someone';
	}
}
