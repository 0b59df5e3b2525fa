import { ExportBuilder } from './build-export';
import type { FromExportWorker, ToExportWorker } from './worker-protocol';
import { ZipWriter, type ZipWriterOptions } from './zip-writer';

/**
 * The export worker's state machine, free of worker globals so the bench and tests drive it
 * directly: `start` → `engagement` × n → `finish`; every reply goes to `post`.
 */
export class ExportSession {
	readonly #post: (message: FromExportWorker) => void;
	readonly #zipOptions: ZipWriterOptions;
	#builder: ExportBuilder | null = null;
	#zip: ZipWriter | null = null;
	#done = 0;
	#total = 0;

	constructor(post: (message: FromExportWorker) => void, zipOptions: ZipWriterOptions = {}) {
		this.#post = post;
		this.#zipOptions = zipOptions;
	}

	handle(message: ToExportWorker): void {
		try {
			this.#handle(message);
		} catch (error) {
			this.#builder = null;
			this.#zip = null;
			this.#post({
				type: 'failed',
				message: error instanceof Error ? error.message : String(error)
			});
		}
	}

	#handle(message: ToExportWorker): void {
		if (message.type === 'start') {
			const { plan, coachState } = message;
			this.#builder = new ExportBuilder(plan);
			this.#zip = new ZipWriter({ ...this.#zipOptions, mtime: new Date(plan.exportedAt) });
			this.#done = 0;
			this.#total = plan.engagements.length + 1;
			// The coach document first: it is small, and then every later unit is one engagement.
			this.#builder.coachEntries(coachState).forEach((entry) => this.#zip?.add(entry));
			this.#progress();
			return;
		}
		const builder = this.#builder;
		const zip = this.#zip;
		if (!builder || !zip) {
			throw new Error('The export was not started.');
		}
		if (message.type === 'engagement') {
			builder.engagementEntries(message.id, message.states).forEach((entry) => zip.add(entry));
			this.#progress();
			return;
		}
		zip.add(builder.manifest());
		const blob = zip.finish();
		this.#builder = null;
		this.#zip = null;
		this.#post({ type: 'done', zip: blob, bytes: blob.size, files: zip.files });
	}

	#progress(): void {
		this.#done += 1;
		this.#post({ type: 'progress', done: this.#done, total: this.#total });
	}
}
