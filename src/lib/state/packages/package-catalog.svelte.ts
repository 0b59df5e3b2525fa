import type { FieldErrors } from '../../domain/field-errors';
import type { ApiResult } from '../../api/client';
import type { CatalogPackage, PackageFields } from '../../api/packages';
import {
	archivePackage,
	createPackage,
	listPackages,
	loadCopy,
	saveCopy,
	updatePackage
} from '../clients/request-json';

/** Why a save failed: a sentence for the form's banner and, for a 400, each bad field's own. */
export interface FormProblem {
	message: string;
	fields: FieldErrors;
}

interface SavedCatalog {
	packages: CatalogPackage[];
	fetchedAt: number;
}

const isSavedCatalog = (value: unknown): value is SavedCatalog =>
	Array.isArray((value as Partial<SavedCatalog> | null)?.packages);

/**
 * The coach's package catalogue. It lives on the server, so editing needs a connection; the
 * last list fetched is kept on the device so the catalogue (and the invite form's package
 * choice) still shows offline, read-only.
 *
 *     const catalog = new PackageCatalog(user.id);
 *     await catalog.load();
 *     const problem = await catalog.create(fields); // null on success, else { message, fields }
 */
export class PackageCatalog {
	readonly #copyKey: string;
	#saved = $state<SavedCatalog | null>(null);
	#isOffline = $state(false);
	#error = $state<string | null>(null);
	#loading = $state(false);

	constructor(userId: string) {
		this.#copyKey = `tandem.packages:${userId}`;
		this.#saved = loadCopy(this.#copyKey, isSavedCatalog);
	}

	get all(): readonly CatalogPackage[] {
		return this.#saved?.packages ?? [];
	}

	/** When the list shown was fetched (ms), or null if never. */
	get fetchedAt(): number | null {
		return this.#saved?.fetchedAt ?? null;
	}

	/** The last load could not reach the server: the list is the saved copy, read-only. */
	get isOffline(): boolean {
		return this.#isOffline;
	}

	get loading(): boolean {
		return this.#loading && this.#saved === null;
	}

	get error(): string | null {
		return this.#error;
	}

	byId(id: string): CatalogPackage | undefined {
		return this.all.find((p) => p.id === id);
	}

	async load(): Promise<void> {
		this.#loading = true;
		const result = await listPackages();
		this.#loading = false;
		this.#isOffline = !result.ok && result.offline;
		if (result.ok) {
			this.#saved = { packages: result.data.packages, fetchedAt: Date.now() };
			saveCopy(this.#copyKey, this.#saved);
			this.#error = null;
		} else if (!result.offline) {
			this.#error = result.error;
		}
	}

	create(fields: PackageFields): Promise<FormProblem | null> {
		return this.#change(createPackage(fields));
	}

	update(id: string, fields: Partial<PackageFields>): Promise<FormProblem | null> {
		return this.#change(updatePackage(id, fields));
	}

	/** Archived packages leave the catalogue; clients who have one keep their copy. */
	async archive(id: string): Promise<string | null> {
		const problem = await this.#change(archivePackage(id));
		return problem?.message ?? null;
	}

	/** Awaits one change and reloads the list; returns the problem for people, or null. */
	async #change(sent: Promise<ApiResult<unknown>>): Promise<FormProblem | null> {
		const result = await sent;
		if (!result.ok) {
			this.#isOffline = result.offline;
			return { message: result.error, fields: result.fields };
		}
		await this.load();
		return null;
	}
}
