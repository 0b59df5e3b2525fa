/**
 * Whether the browser believes it has a network. The socket can take many seconds to notice a
 * dropped connection; `navigator.onLine` going false is immediate, so it turns the status
 * offline at once.
 */
export interface NetworkStatus {
	readonly isOnline: boolean;
	/** Calls `fn` whenever `isOnline` may have changed; returns the unsubscribe function. */
	subscribe(fn: () => void): () => void;
}

/** navigator.onLine plus window 'online'/'offline'; always online where there is no window. */
export function browserNetwork(): NetworkStatus {
	return {
		get isOnline() {
			return typeof navigator === 'undefined' || navigator.onLine !== false;
		},
		subscribe(fn) {
			if (typeof window === 'undefined') {
				return () => {};
			}
			window.addEventListener('online', fn);
			window.addEventListener('offline', fn);
			return () => {
				window.removeEventListener('online', fn);
				window.removeEventListener('offline', fn);
			};
		}
	};
}
