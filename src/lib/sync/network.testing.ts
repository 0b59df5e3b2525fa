import type { NetworkStatus } from './network';

/** A NetworkStatus a test can flip. */
export class TestNetwork implements NetworkStatus {
	#online: boolean;
	#listeners = new Set<() => void>();

	constructor(online = true) {
		this.#online = online;
	}

	get isOnline(): boolean {
		return this.#online;
	}

	set(online: boolean): void {
		this.#online = online;
		this.#listeners.forEach((fn) => fn());
	}

	subscribe(fn: () => void): () => void {
		this.#listeners.add(fn);
		return () => this.#listeners.delete(fn);
	}
}
