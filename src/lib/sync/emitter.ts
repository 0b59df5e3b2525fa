/**
 * A minimal typed event emitter whose `on` returns the unsubscribe function, so a state bridge
 * can hand it straight to `createSubscriber`. A throwing listener is reported, never allowed to
 * stop the listeners after it (one broken view must not stop sync bookkeeping).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class Emitter<Events extends Record<string, (...args: any[]) => void>> {
	#listeners = new Map<keyof Events, Set<Events[keyof Events]>>();

	on<K extends keyof Events>(event: K, fn: Events[K]): () => void {
		let set = this.#listeners.get(event);
		if (!set) {
			set = new Set();
			this.#listeners.set(event, set);
		}
		set.add(fn);
		return () => {
			set.delete(fn);
		};
	}

	emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): void {
		for (const fn of [...(this.#listeners.get(event) ?? [])]) {
			try {
				fn(...args);
			} catch (error) {
				console.error(`listener for ${String(event)} failed`, error);
			}
		}
	}

	clear(): void {
		this.#listeners.clear();
	}
}
