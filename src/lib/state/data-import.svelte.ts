/** One engagement of an imported export (POST /api/import). */
export interface ImportedEngagement {
	readonly sourceId: string;
	readonly engagementId: string | null;
	readonly email: string;
	readonly status: 'pending' | 'existing' | 'ended' | 'failed';
	readonly message?: string;
}

export type ImportPhase = 'idle' | 'uploading' | 'done';

export interface DataImportDeps {
	readonly fetch?: typeof globalThis.fetch;
	/** Called after a successful import, e.g. to refresh the client list. */
	readonly onImported?: () => void | Promise<void>;
}

/**
 * "Import a coach export": uploads the zip as it is; the server unpacks, checks and restores.
 *
 * @example
 * const importer = new DataImport({ onImported: () => engagements.refresh() });
 * await importer.start(file); // importer.result, importer.error
 */
export class DataImport {
	#deps: DataImportDeps;
	#phase = $state<ImportPhase>('idle');
	#result = $state<readonly ImportedEngagement[]>([]);
	#error = $state<string | null>(null);

	constructor(deps: DataImportDeps = {}) {
		this.#deps = deps;
	}

	get phase(): ImportPhase {
		return this.#phase;
	}
	get result(): readonly ImportedEngagement[] {
		return this.#result;
	}
	get error(): string | null {
		return this.#error;
	}

	async start(file: Blob): Promise<void> {
		this.#phase = 'uploading';
		this.#error = null;
		this.#result = [];
		try {
			const response = await (this.#deps.fetch ?? fetch)('/api/import', {
				method: 'POST',
				headers: { 'content-type': 'application/zip' },
				body: file
			});
			const body = (await response.json().catch(() => ({}))) as {
				engagements?: ImportedEngagement[];
				error?: string;
			};
			if (!response.ok) {
				this.#error = body.error ?? `The import failed (${response.status}).`;
				this.#phase = 'idle';
				return;
			}
			this.#result = body.engagements ?? [];
			this.#phase = 'done';
			await this.#deps.onImported?.();
		} catch {
			this.#error = 'You are offline. Importing needs a connection.';
			this.#phase = 'idle';
		}
	}

	reset(): void {
		this.#phase = 'idle';
		this.#result = [];
		this.#error = null;
	}
}
