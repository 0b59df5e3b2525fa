import type { PublicUser } from '../../domain/account';
import type { CatalogPackage as PackageBody, PackageEdit, PackageInput } from '../../api/packages';
import { applyPackageEdit } from '../../domain/package-rules';
import { err, ok, type Result } from '../errors';
import type { CatalogPackage, PackageStore } from './package-store';

const NOT_FOUND = 'No such package in your catalogue.';

/** A package as the API shows it to its coach. */
export function packageView(pkg: CatalogPackage): PackageBody {
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

	/** `input` went through packageInputSchema, which keeps every rule of a package. */
	create(coach: PublicUser, input: PackageInput): Result<CatalogPackage> {
		const { selfBooking = false, ...terms } = input;
		return ok(this.#store.create(coach.id, terms, selfBooking));
	}

	/** The edited fields over the current terms, then every rule on the result. */
	update(coach: PublicUser, id: string, edit: PackageEdit): Result<CatalogPackage> {
		const current = this.usable(coach, id);
		if (!current.ok) {
			return current;
		}
		const { selfBooking = current.value.selfBooking, ...fields } = edit;
		const terms = applyPackageEdit(current.value, fields);
		if (!terms.ok) {
			return err('invalid-input', terms.problem, { fields: terms.fields });
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
