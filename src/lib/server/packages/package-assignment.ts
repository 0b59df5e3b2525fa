import type { PackageAssignInput } from '../../api/packages';
import type { PublicUser } from '../../domain/account';
import type { PackageTermsInput } from '../../domain/package-rules';
import { createActor } from '../../docs/actor';
import { serverOrigin } from '../../docs/origin';
import * as sub from '../../docs/subscription-doc';
import { engagementDocs } from '../../sync/protocol';
import type { DocWriter } from '../doc-writer';
import { err, ok, type Result } from '../errors';
import type { Engagement, EngagementStore } from '../memberships/engagement-store';
import type { PackageService } from './package-service';

export interface PackageAssignmentDeps {
	packages: PackageService;
	engagements: EngagementStore;
	docWriter: DocWriter & { readonly isBound: boolean };
	now?: () => number;
	log?: (message: string, error: unknown) => void;
}

const UNAVAILABLE =
	'The package could not be saved to the client’s documents right now. Try again.';

/**
 * Gives an engagement a package: a copy of the catalogue terms goes into the engagement's
 * `sub:` document (so coach and client both see it, offline too, and later catalogue edits do
 * not change what was sold), and the engagement records which catalogue entry it came from.
 * No payment is triggered.
 */
export class PackageAssignment {
	#d: PackageAssignmentDeps;
	#log: (message: string, error: unknown) => void;

	constructor(deps: PackageAssignmentDeps) {
		this.#d = deps;
		this.#log = deps.log ?? ((message, error) => console.error(message, error));
	}

	/** Whether documents can be written now; checked before anything is created. */
	get isAvailable(): boolean {
		return this.#d.docWriter.isBound;
	}

	async assign(
		coach: PublicUser,
		engagementId: string,
		input: PackageAssignInput
	): Promise<Result<Engagement>> {
		const engagement = this.#d.engagements.byId(engagementId);
		if (!engagement || engagement.coachId !== coach.id) {
			return err('not-found', 'No such engagement.');
		}
		if (engagement.status === 'ended') {
			return err('conflict', 'This engagement has ended; it cannot get a package.');
		}
		const pkg = this.#d.packages.usable(coach, input.packageId);
		if (!pkg.ok) {
			return err('invalid-input', 'That package is not in your catalogue.');
		}
		const written = await this.writeToDoc(coach.id, engagementId, pkg.value);
		if (!written.ok) {
			return written;
		}
		this.#d.engagements.setPackage(engagementId, pkg.value.id);
		const updated = this.#d.engagements.byId(engagementId);
		return updated ? ok(updated) : err('not-found', 'No such engagement.');
	}

	/** Writes the terms into `sub:<engagementId>` with a server origin, as the coach. */
	async writeToDoc(
		coachId: string,
		engagementId: string,
		terms: PackageTermsInput & { readonly selfBooking?: boolean }
	): Promise<Result<null>> {
		if (!this.isAvailable) {
			return err('unavailable', UNAVAILABLE);
		}
		const actor = createActor({
			userId: coachId,
			origin: serverOrigin('package-assigned'),
			...(this.#d.now ? { now: this.#d.now } : {})
		});
		const input: sub.PackageInput = {
			name: terms.name,
			sessionsTotal: terms.sessionsTotal,
			sessionMinutes: terms.sessionMinutes,
			priceCents: terms.priceCents,
			currency: terms.currency,
			noShowConsumesSession: terms.noShowConsumesSession
		};
		try {
			const result = await this.#d.docWriter.withDoc(
				engagementDocs(engagementId).subscription,
				(doc) => {
					// Server writes may reach a document no browser has opened yet: declare its schema first.
					sub.migrate(doc);
					const written = sub.setPackage(doc, actor, input);
					if (written.ok) {
						// Whether the client may book themselves travels with the package (scheduling).
						sub.setSelfBooking(doc, actor, terms.selfBooking === true);
					}
					return written;
				}
			);
			return result.ok ? ok(null) : err('invalid-input', result.message);
		} catch (error) {
			this.#log(`writing the package into sub:${engagementId} failed`, error);
			return err('unavailable', UNAVAILABLE);
		}
	}
}
