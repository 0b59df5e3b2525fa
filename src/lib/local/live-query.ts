/**
 * The one place Dexie's store-shaped `liveQuery` is used (house style: wrap it once). State
 * bridges get a plain callback subscription with an unsubscribe function instead of an
 * Observable, so nothing else depends on Dexie's observable types.
 */
import { liveQuery } from 'dexie';

export interface QueryObserver<T> {
	next(value: T): void;
	error(error: unknown): void;
}

/**
 * Runs `query` now and again whenever a Dexie write (in this tab or another) touches what it
 * read. Reads outside Dexie are not tracked: a query depending on, say, a search term must be
 * re-created when the term changes.
 */
export function watchQuery<T>(query: () => Promise<T> | T, observer: QueryObserver<T>): () => void {
	const subscription = liveQuery(query).subscribe({
		next: (value) => observer.next(value),
		error: (error: unknown) => observer.error(error)
	});
	return () => subscription.unsubscribe();
}
