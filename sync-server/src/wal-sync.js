// @ts-check
// Makes the writer's commits durable without holding the write connection during the fsync.
// Plain JavaScript: it runs in the writer thread (see sqlite-schema.js).
import fs from 'node:fs';

/**
 * With synchronous=FULL, SQLite fsyncs the WAL inside COMMIT, so the writer can do nothing else
 * meanwhile and every batch pays one whole fsync after the previous one. Instead the connection
 * runs with synchronous=NORMAL (a commit only writes its frames into the WAL) and this class
 * fdatasyncs the WAL file on libuv's thread pool: a commit counts as durable once an fdatasync
 * that *started after* it returned. While one fdatasync runs, later commits are written and
 * wait for the next one, which covers all of them (group commit at the fsync level).
 *
 * That gives FULL's guarantee: the WAL holds the commit's frames and header when the fdatasync
 * returns (fsync is per file, so a separate descriptor sees SQLite's writes), and SQLite's
 * recovery replays every complete transaction it finds there. A transaction caught half-written
 * by a crash is not one we acknowledged and recovery drops it, as it does under NORMAL. The
 * WAL is created once and only truncated while the connection is open; its inode is checked
 * before each fdatasync anyway, so a recreated file is never missed.
 */
export class WalSync {
	/** @type {string} */
	#path;
	/** @type {number | null} */
	#fd = null;
	#ino = 0;
	/** @type {((error: Error | null) => void)[]} */
	#waiting = [];
	#running = false;
	/** @type {(() => void)[]} */
	#idle = [];

	/** @param {string} databaseFile */
	constructor(databaseFile) {
		this.#path = `${databaseFile}-wal`;
	}

	/**
	 * Calls back once everything written to the WAL before this call is on disk.
	 * @param {(error: Error | null) => void} callback
	 */
	afterSync(callback) {
		this.#waiting.push(callback);
		if (!this.#running) {
			this.#start();
		}
	}

	/** Resolves when no fdatasync is running or waiting. */
	idle() {
		return this.#running
			? new Promise((resolve) => this.#idle.push(() => resolve(undefined)))
			: Promise.resolve();
	}

	close() {
		if (this.#fd !== null) {
			fs.closeSync(this.#fd);
			this.#fd = null;
		}
	}

	#start() {
		const covered = this.#waiting.splice(0);
		this.#running = true;
		let fd;
		try {
			fd = this.#descriptor();
		} catch (error) {
			return this.#finish(covered, /** @type {Error} */ (error));
		}
		fs.fdatasync(fd, (error) => this.#finish(covered, error));
	}

	/**
	 * @param {((error: Error | null) => void)[]} covered
	 * @param {Error | null} error
	 */
	#finish(covered, error) {
		this.#running = false;
		covered.forEach((callback) => callback(error));
		if (this.#waiting.length > 0) {
			this.#start();
		} else {
			this.#idle.splice(0).forEach((resolve) => resolve());
		}
	}

	#descriptor() {
		if (this.#fd === null || fs.statSync(this.#path).ino !== this.#ino) {
			this.close();
			this.#fd = fs.openSync(this.#path, 'r');
			this.#ino = fs.fstatSync(this.#fd).ino;
		}
		return this.#fd;
	}
}
