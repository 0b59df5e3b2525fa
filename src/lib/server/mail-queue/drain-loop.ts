export interface DrainLoopOptions {
	/** One pass over whatever is due; resolves with how many items it handled. */
	pass: () => Promise<number>;
	/** How often a pass runs on its own (retries and work that fell due meanwhile). */
	intervalMs: number;
	log?: (message: string, error: unknown) => void;
}

/**
 * The periodic half of a durable claim-then-send queue (reminders, queued mail): the rows live
 * in SQLite and are claimed in a transaction before they are sent; this runs the passes. It
 * never runs two passes at once in one process; a kick during a pass runs one more pass after
 * it, so work added meanwhile is not left for the next interval. `stop()` waits for the pass
 * in flight, so a graceful restart neither loses nor repeats a send.
 *
 *     const loop = new DrainLoop({ pass, intervalMs: 15_000 });
 *     loop.start();          // after the server listens: catches up on what is due
 *     void loop.kick();      // new work: a pass now
 *     await loop.stop();     // before the database closes
 */
export class DrainLoop {
	#o: DrainLoopOptions;
	#timer: ReturnType<typeof setInterval> | null = null;
	#running: Promise<number> | null = null;
	#again = false;
	#stopped = false;

	constructor(options: DrainLoopOptions) {
		this.#o = options;
	}

	start(): void {
		this.#stopped = false;
		if (this.#timer) {
			return;
		}
		this.#timer = setInterval(() => void this.kick(), this.#o.intervalMs);
		this.#timer.unref();
		void this.kick();
	}

	async stop(): Promise<void> {
		if (this.#timer) {
			clearInterval(this.#timer);
			this.#timer = null;
		}
		// Nothing new starts once stopping: the database is about to close.
		this.#stopped = true;
		this.#again = false;
		await this.#running;
	}

	/** A pass now (or right after the one running); resolves with how many items were handled. */
	kick(): Promise<number> {
		if (this.#stopped) {
			return Promise.resolve(0);
		}
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = this.#drain().finally(() => {
			this.#running = null;
		});
		return this.#running;
	}

	/** True from stop() on: a long pass should hand back what it has not started. */
	get stopping(): boolean {
		return this.#stopped;
	}

	/** Resolves once no pass is running (tests; shutdown uses stop()). */
	async idle(): Promise<void> {
		while (this.#running) {
			await this.#running;
		}
	}

	async #drain(): Promise<number> {
		let handled = 0;
		do {
			this.#again = false;
			try {
				handled += await this.#o.pass();
			} catch (error) {
				(this.#o.log ?? ((m: string, e: unknown) => console.error(m, e)))(
					'drain pass failed',
					error
				);
			}
		} while (this.#again && !this.#stopped);
		return handled;
	}
}
