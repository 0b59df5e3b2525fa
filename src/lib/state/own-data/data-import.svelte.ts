import type { ImportedEngagement, ImportedPractice } from '../../api/data-import';
import { importArchive } from '../clients/request-json';

export type ImportPhase = 'idle' | 'uploading' | 'done';

const AVAILABILITY_TEXT: Record<ImportedPractice['availability'], string | null> = {
	imported: 'your availability was imported',
	kept: 'your availability here was kept',
	absent: null
};

/** "2 packages added to your catalogue; your availability was imported." */
export function practiceSummary(practice: ImportedPractice | null): string | null {
	if (!practice) {
		return null;
	}
	const count = practice.packagesCreated;
	const parts = [
		count > 0 ? `${count} ${count === 1 ? 'package' : 'packages'} added to your catalogue` : null,
		AVAILABILITY_TEXT[practice.availability]
	].filter((part): part is string => part !== null);
	if (parts.length === 0) {
		return null;
	}
	const text = parts.join('; ');
	return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

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
	#practice = $state<ImportedPractice | null>(null);
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
	/** The catalogue and availability outcome, as a sentence (null when there was nothing). */
	get practice(): string | null {
		return practiceSummary(this.#practice);
	}
	/** Packages or availability the import could not take, one sentence each. */
	get practiceProblems(): readonly string[] {
		return this.#practice?.problems ?? [];
	}

	async start(file: Blob): Promise<void> {
		this.#phase = 'uploading';
		this.#error = null;
		this.#result = [];
		this.#practice = null;
		const result = await importArchive(file, this.#deps.fetch);
		if (!result.ok) {
			this.#error = result.offline
				? 'You are offline. Importing needs a connection.'
				: result.code === 'unknown'
					? `The import failed (${result.status}).`
					: result.error;
			this.#phase = 'idle';
			return;
		}
		this.#result = result.data.engagements ?? [];
		this.#practice = result.data.practice ?? null;
		this.#phase = 'done';
		await this.#deps.onImported?.();
	}

	reset(): void {
		this.#phase = 'idle';
		this.#result = [];
		this.#practice = null;
		this.#error = null;
	}
}
