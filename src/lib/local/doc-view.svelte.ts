import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

/** What a view's builder may use besides the document: its name and presence on it. */
export interface OpenedDoc {
	readonly name: string;
	readonly awareness: Awareness;
}

/** The part of a registry handle a DocView needs (DocRegistry.open gives one). */
export interface ViewableHandle extends OpenedDoc {
	readonly doc: Y.Doc;
	readonly whenLoaded: Promise<void>;
	release(): void;
}

export interface DocViewOptions<T> {
	/** Runs once at close for a view that was built (e.g. withdraw this person's presence). */
	dispose?: (view: T) => void;
}

/**
 * One open document seen through a view object: `current` is null until the device's copy is
 * loaded and `build` has run, and again after `close()`. Made by `registry.view(name, build)`.
 *
 * Created while a `$derived` or `$effect` runs, it closes itself when that re-runs or its
 * component goes away, so a component or route holds a document with one line:
 *
 * ```svelte
 * const ledger = $derived(registry.view(docName, (doc) => new SubscriptionView(doc)));
 * {#if ledger.current} <UsageSummary usage={ledger.current.usage} /> {/if}
 * ```
 *
 * Anywhere else (an async callback, a rune class that owns it, a test) the owner calls `close()`.
 */
export class DocView<T> {
	#current = $state.raw<T | null>(null);
	#loading = $state(true);
	#error = $state.raw<unknown>(null);
	#handle: ViewableHandle | null;
	#dispose: ((view: T) => void) | undefined;
	/** The built view, or null when it was closed before the copy loaded (or building failed). */
	readonly ready: Promise<T | null>;

	constructor(
		handle: ViewableHandle,
		build: (doc: Y.Doc, opened: OpenedDoc) => T,
		options: DocViewOptions<T> = {}
	) {
		this.#handle = handle;
		this.#dispose = options.dispose;
		this.ready = handle.whenLoaded.then(() => this.#build(handle, build));
		if ($effect.tracking()) {
			// Tied to whatever is running: a $derived re-running (a new document name) or the
			// component being destroyed tears this effect down, and with it the document.
			$effect.pre(() => () => this.close());
		}
	}

	/** Null while loading, after close, and when building the view failed. */
	get current(): T | null {
		return this.#current;
	}

	/** True until the local copy is loaded (or the view closed). */
	get loading(): boolean {
		return this.#loading;
	}

	/** What `build` threw, if it did: the document stays held until close. */
	get error(): unknown {
		return this.#error;
	}

	/** Releases the document; safe to call more than once, and before the copy has loaded. */
	close(): void {
		const handle = this.#handle;
		if (!handle) {
			return;
		}
		this.#handle = null;
		const built = this.#current;
		this.#current = null;
		this.#loading = false;
		if (built !== null) {
			this.#dispose?.(built);
		}
		handle.release();
	}

	#build(handle: ViewableHandle, build: (doc: Y.Doc, opened: OpenedDoc) => T): T | null {
		if (this.#handle !== handle) {
			return null;
		}
		try {
			const view = build(handle.doc, { name: handle.name, awareness: handle.awareness });
			this.#current = view;
			return view;
		} catch (error) {
			// A view that cannot be built must not take the screen down; the owner may show it.
			console.error(`building a view of ${handle.name} failed`, error);
			this.#error = error;
			return null;
		} finally {
			this.#loading = false;
		}
	}
}
