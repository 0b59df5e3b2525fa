import type { EngagementListBody, ListedEngagement } from '../../api/engagements';
import type { PublicUser } from '../../domain/account';
import { cleanFormerIds } from '../../domain/identity';
import {
	coachDocName,
	engagementDocs,
	parseDocName,
	type DocAccess,
	type DocName
} from '../../sync/protocol';
import { err, ok, type Result } from '../errors';
import type { PublicProfileView } from '../profile/profile-service';
import type { UserStore } from '../users';
import type { Engagement, EngagementStore } from './engagement-store';
import type { InviteStore } from './invite-store';

/** Where views find a coach's published profile (the ProfileService). */
export interface ProfileSource {
	publicOf(coachId: string): PublicProfileView | null;
}

/** Identity aliases per engagement (the import mapping table); see domain/identity.ts. */
export interface AliasSource {
	formerIds(engagementIds: readonly string[]): Map<string, { coach: string[]; client: string[] }>;
}

export type AccessRemovedListener = (userId: string, docNames: string[]) => void;
/** Told once when an engagement ends (e.g. scheduling cancels its future bookings). */
export type EngagementEndedListener = (engagement: Engagement) => void;

export function toEngagementView(
	e: Engagement,
	profile: PublicProfileView | null = null,
	aliases: { coach: string[]; client: string[] } = { coach: [], client: [] }
): ListedEngagement {
	const former = cleanFormerIds({ coach: e.coachId, client: e.clientId }, aliases);
	return {
		id: e.id,
		status: e.status,
		coach: { id: e.coachId, name: e.coachName, profile, formerIds: former.coach },
		client: {
			id: e.clientId,
			name: e.clientName,
			email: e.clientEmail,
			phone: e.clientPhone,
			formerIds: former.client
		},
		package:
			e.packageId && e.packageName !== null ? { id: e.packageId, name: e.packageName } : null,
		docs: engagementDocs(e.id)
	};
}

/**
 * Who may open which Yjs document, and who just lost that right. The sync server asks
 * docAccess() before loading a document and listens to onAccessRemoved() to close live
 * connections; it never reads these tables itself.
 */
export class MembershipService {
	#engagements: EngagementStore;
	#invites: InviteStore;
	#users: UserStore;
	#profiles: ProfileSource;
	#aliases: AliasSource;
	#listeners = new Set<AccessRemovedListener>();
	#endedListeners = new Set<EngagementEndedListener>();

	constructor(deps: {
		engagements: EngagementStore;
		invites: InviteStore;
		users: UserStore;
		profiles?: ProfileSource;
		aliases?: AliasSource;
	}) {
		this.#engagements = deps.engagements;
		this.#invites = deps.invites;
		this.#users = deps.users;
		this.#profiles = deps.profiles ?? { publicOf: () => null };
		this.#aliases = deps.aliases ?? { formerIds: () => new Map() };
	}

	async docAccess(userId: string, docName: string): Promise<DocAccess> {
		const doc = parseDocName(docName);
		return doc ? this.#access(userId, doc) : 'none';
	}

	/** Engagements the user is part of: all of a coach's, only the active ones of a client. */
	list(user: PublicUser): EngagementListBody {
		// One profile lookup per coach, not per engagement: a coach lists all their clients.
		const profiles = new Map<string, PublicProfileView | null>();
		const listed =
			user.role === 'coach'
				? this.#engagements.forCoach(user.id)
				: this.#engagements.activeForClient(user.id);
		// One alias query for the whole list, like the profiles.
		const aliases = this.#aliases.formerIds(listed.map((e) => e.id));
		const engagements = listed.map((e) => {
			if (!profiles.has(e.coachId)) {
				profiles.set(e.coachId, this.#profiles.publicOf(e.coachId));
			}
			return toEngagementView(e, profiles.get(e.coachId) ?? null, aliases.get(e.id));
		});
		return user.role === 'coach'
			? { engagements, coachDoc: coachDocName(user.id) }
			: { engagements };
	}

	/** One engagement as the API shows it, with its coach's published profile. */
	view(engagement: Engagement): ListedEngagement {
		const aliases = this.#aliases.formerIds([engagement.id]).get(engagement.id);
		return toEngagementView(engagement, this.#profiles.publicOf(engagement.coachId), aliases);
	}

	/**
	 * Ends a coach's engagement: open invites for it stop working and an active client loses
	 * both documents at once (listeners close their connections). The coach keeps the record.
	 */
	end(coachId: string, engagementId: string): Result<ListedEngagement> {
		const engagement = this.#engagements.byId(engagementId);
		if (!engagement || engagement.coachId !== coachId) {
			return err('not-found', 'No such engagement.');
		}
		if (this.#engagements.end(engagementId)) {
			this.#invites.revokeOpenFor(engagementId);
			if (engagement.status === 'active' && engagement.clientId) {
				const { shared, subscription } = engagementDocs(engagementId);
				this.#emit(engagement.clientId, [shared, subscription]);
			}
			this.#emitEnded(engagementId);
		}
		const ended = this.#engagements.byId(engagementId);
		return ended ? ok(this.view(ended)) : err('not-found', 'No such engagement.');
	}

	/** Every document the user can open now, e.g. to close them all when the account goes. */
	async docsOf(userId: string): Promise<string[]> {
		const user = await this.#users.byId(userId);
		if (!user) {
			return [];
		}
		const { engagements, coachDoc } = this.list(user);
		const docs = engagements
			.filter((e) => user.role === 'coach' || e.status === 'active')
			.flatMap((e) => [e.docs.shared, e.docs.subscription]);
		return coachDoc ? [coachDoc, ...docs] : docs;
	}

	/** Call before deleting an account: tells listeners the user lost every document. */
	async announceUserRemoved(userId: string): Promise<void> {
		const docs = await this.docsOf(userId);
		if (docs.length > 0) {
			this.#emit(userId, docs);
		}
	}

	onAccessRemoved(listener: AccessRemovedListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Listeners run synchronously inside end(), once per engagement that ends. */
	onEnded(listener: EngagementEndedListener): () => void {
		this.#endedListeners.add(listener);
		return () => this.#endedListeners.delete(listener);
	}

	#emitEnded(engagementId: string): void {
		const ended = this.#engagements.byId(engagementId);
		if (!ended) {
			return;
		}
		for (const listener of this.#endedListeners) {
			try {
				listener(ended);
			} catch (error) {
				console.error('engagement-ended listener failed', error);
			}
		}
	}

	async #access(userId: string, doc: DocName): Promise<DocAccess> {
		if (doc.kind === 'coach') {
			const isCoach = doc.userId === userId && (await this.#users.byId(userId))?.role === 'coach';
			return isCoach ? 'read-write' : 'none';
		}
		const engagement = this.#engagements.byId(doc.engagementId);
		if (!engagement) {
			return 'none';
		}
		// The coach owns the record from the invite on (they may prepare the package) to after the end.
		if (engagement.coachId === userId) {
			return 'read-write';
		}
		if (engagement.clientId === userId && engagement.status === 'active') {
			// Split along permission lines: the client writes the shared doc, only reads the ledger.
			return doc.kind === 'eng' ? 'read-write' : 'read-only';
		}
		return 'none';
	}

	#emit(userId: string, docNames: string[]): void {
		for (const listener of this.#listeners) {
			try {
				listener(userId, docNames);
			} catch (error) {
				// One broken listener must not stop the others from closing their connections.
				console.error('access-removed listener failed', error);
			}
		}
	}
}
