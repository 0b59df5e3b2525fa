import { Zip, ZipDeflate } from 'fflate';
import type { ExportEntry } from './format';

export interface ZipWriterOptions {
	/**
	 * DEFLATE level 0-9. Default 1: on chat-heavy engagements it is three to four times faster
	 * than zlib's default 6 for a file about 2% larger, and a large practice's export is
	 * bound by deflating (see bench/export-bench.ts).
	 */
	level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
	/** Modification time written on every file. */
	mtime?: Date;
	/** Output is moved out of the JS heap into a Blob every this many bytes (default 8 MiB). */
	foldBytes?: number;
}

/**
 * Streams files into one zip (fflate's synchronous `Zip` + `ZipDeflate`), keeping the output in
 * Blobs rather than one growing buffer: a browser may page large Blobs to disk, so a practice
 * with gigabytes of history does not have to fit in the worker's heap twice.
 *
 * Limits of the zip format without ZIP64 (fflate writes none): under 4 GiB and 65,535 files.
 */
export class ZipWriter {
	readonly #zip: Zip;
	readonly #options: ZipWriterOptions;
	#blob = new Blob([]);
	#pending: Uint8Array<ArrayBuffer>[] = [];
	#pendingBytes = 0;
	#bytes = 0;
	#files = 0;
	#error: Error | null = null;
	#ended = false;

	constructor(options: ZipWriterOptions = {}) {
		this.#options = options;
		this.#zip = new Zip((error, chunk, final) => {
			if (error) {
				this.#error = error;
				return;
			}
			this.#keep(chunk);
			this.#ended = final;
		});
	}

	/** Compressed bytes written so far. */
	get bytes(): number {
		return this.#bytes;
	}

	get files(): number {
		return this.#files;
	}

	add(entry: ExportEntry): void {
		this.#throwIfFailed();
		const file = new ZipDeflate(entry.path, { level: this.#options.level ?? 1 });
		file.mtime = this.#options.mtime ?? new Date();
		this.#zip.add(file);
		file.push(entry.data, true);
		this.#files += 1;
	}

	/** Writes the central directory and returns the whole archive. */
	finish(): Blob {
		this.#zip.end();
		this.#throwIfFailed();
		if (!this.#ended) {
			throw new Error('The zip did not finish.');
		}
		this.#fold();
		return this.#blob;
	}

	#keep(chunk: Uint8Array): void {
		// fflate hands out a fresh array per chunk, so keeping it without a copy is safe.
		this.#pending.push(chunk as Uint8Array<ArrayBuffer>);
		this.#pendingBytes += chunk.length;
		this.#bytes += chunk.length;
		if (this.#pendingBytes >= (this.#options.foldBytes ?? 8 * 1024 * 1024)) {
			this.#fold();
		}
	}

	#fold(): void {
		if (this.#pending.length > 0) {
			this.#blob = new Blob([this.#blob, ...this.#pending], { type: 'application/zip' });
			this.#pending = [];
			this.#pendingBytes = 0;
		}
	}

	#throwIfFailed(): void {
		if (this.#error) {
			throw this.#error;
		}
	}
}
