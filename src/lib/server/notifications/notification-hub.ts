/**
 * Who is listening for whose notifications, in this process: the live streams
 * (`GET /api/notifications/stream`) subscribe per user, and the notification service publishes
 * a user's id whenever their list changed (a new notification, something marked read).
 */
export class NotificationHub {
	#listeners = new Map<string, Set<() => void>>();

	subscribe(userId: string, listener: () => void): () => void {
		const set = this.#listeners.get(userId) ?? new Set();
		set.add(listener);
		this.#listeners.set(userId, set);
		return () => {
			set.delete(listener);
			if (set.size === 0) {
				this.#listeners.delete(userId);
			}
		};
	}

	publish(userId: string): void {
		for (const listener of [...(this.#listeners.get(userId) ?? [])]) {
			try {
				listener();
			} catch (error) {
				// One broken stream must not keep the others (or the caller) from hearing.
				console.error('notification listener failed', error);
			}
		}
	}

	/** How many streams listen, over all users (tests, stats). */
	get size(): number {
		let n = 0;
		for (const set of this.#listeners.values()) {
			n += set.size;
		}
		return n;
	}
}
