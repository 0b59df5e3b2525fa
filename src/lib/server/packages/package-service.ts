import type { PublicUser } from '../../domain/account';
import { applyPackageEdit, parseNewPackage } from '../../domain/package-rules';
import { err, ok, type Result } from '../errors';
import type { CatalogPackage, PackageStore } from './package-store';

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NOT_FOUND = 'No such package in your catalogue.';

/** `selfBooking` is optional in bodies (packages made before scheduling never sent it). */
function readSelfBooking(body: Record<string, unknown>, fallback: boolean): boolean | null {
	const value = body.selfBooking;
	if (value === undefined) {
		return fallback;
	}
	return typeof value === 'boolean' ? value : null;
}

const SELF_BOOKING_PROBLEM = '"selfBooking" must be true or false.';

/** A package as the API shows it to its coach. */
export function packageView(pkg: CatalogPackage) {
	return {
		id: pkg.id,
		name: pkg.name,
		sessionsTotal: pkg.sessionsTotal,
		sessionMinutes: pkg.sessionMinutes,
		priceCents: pkg.priceCents,
		currency: pkg.currency,
		noShowConsumesSession: pkg.noShowConsumesSession,
		selfBooking: pkg.selfBooking,
		createdAt: new Date(pkg.createdAt).toISOString()
	};
}

/**
 * The coach's catalogue: validated create and edit, archive instead of delete (engagements
 * that were given a package keep their copy in their `sub:` document either way).
 */
export class PackageService {
	#store: PackageStore;

	constructor(store: PackageStore) {
		this.#store = store;
	}

	list(coach: PublicUser): CatalogPackage[] {
		return this.#store.listActive(coach.id);
	}

	create(coach: PublicUser, body: unknown): Result<CatalogPackage> {
		if (!isRecord(body)) {
			return err('invalid-input', 'Send a JSON object with the package fields.');
		}
		const terms = parseNewPackage(body);
		const selfBooking = readSelfBooking(body, false);
		if (!terms.ok) {
			return err('invalid-input', terms.problem, { fields: terms.fields });
		}
		return selfBooking === null
			? err('invalid-input', SELF_BOOKING_PROBLEM)
			: ok(this.#store.create(coach.id, terms.value, selfBooking));
	}

	update(coach: PublicUser, id: string, body: unknown): Result<CatalogPackage> {
		const current = this.usable(coach, id);
		if (!current.ok) {
			return current;
		}
		if (!isRecord(body)) {
			return err('invalid-input', 'Send a JSON object with the fields to change.');
		}
		const terms = applyPackageEdit(current.value, body);
		if (!terms.ok) {
			return err('invalid-input', terms.problem, { fields: terms.fields });
		}
		const selfBooking = readSelfBooking(body, current.value.selfBooking);
		if (selfBooking === null) {
			return err('invalid-input', SELF_BOOKING_PROBLEM);
		}
		if (!this.#store.update(coach.id, id, terms.value, selfBooking)) {
			return err('not-found', NOT_FOUND);
		}
		return this.usable(coach, id);
	}

	archive(coach: PublicUser, id: string): Result<null> {
		return this.#store.archive(coach.id, id) ? ok(null) : err('not-found', NOT_FOUND);
	}

	/** The coach's own, not archived package; anything else is "not found". */
	usable(coach: Pick<PublicUser, 'id'>, id: string): Result<CatalogPackage> {
		const pkg = this.#store.forCoach(coach.id, id);
		return pkg && pkg.archivedAt === null ? ok(pkg) : err('not-found', NOT_FOUND);
	}
}
