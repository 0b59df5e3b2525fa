import { untrack } from 'svelte';
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
	// Written only once a copy has loaded (async) and by close(): starting and stopping also run
	// inside Svelte's own passes (a $derived re-running, pausing or resuming), where writing state
	// is refused (state_unsafe_mutation) or would change a value already read in that pass.
	#built = $state.raw<{ handle: ViewableHandle; view: T } | null>(null);
	#error = $state.raw<unknown>(null);
	#open: () => ViewableHandle;
	#build: (doc: Y.Doc, opened: OpenedDoc) => T;
	#dispose: ((view: T) => void) | undefined;
	#handle: ViewableHandle | null = null;
	#closed = false;
	#ready: Promise<T | null> = Promise.resolve(null);

	constructor(
		open: () => ViewableHandle,
		build: (doc: Y.Doc, opened: OpenedDoc) => T,
		options: DocViewOptions<T> = {}
	) {
		this.#open = open;
		this.#build = build;
		this.#dispose = options.dispose;
		if ($effect.tracking()) {
			// Held exactly as long as this effect: it ends when the $derived or $effect that made
			// the view re-runs (a new document name) or its component goes away. Svelte also pauses
			// a $derived nobody reads any more and resumes it when read again, which re-runs this.
			$effect.pre(() => {
				// Untracked: the effect must not re-run (reopening) when this view's own state moves.
				untrack(() => this.#start());
				return () => this.#stop();
			});
		} else {
			this.#start();
		}
	}

	/**
	 * Null while loading, after close, and when building the view failed. Resumed after a pause,
	 * it shows the earlier view (same document, same data) until the copy is loaded again.
	 */
	get current(): T | null {
		// Read the state first, so a reader follows it even while the view is stopped.
		const built = this.#built;
		return this.#handle && built ? built.view : null;
	}

	/** True until the local copy is loaded (false once closed). */
	get loading(): boolean {
		const built = this.#built;
		const error = this.#error;
		return this.#handle !== null && built === null && error === null;
	}

	/** What `build` threw, if it did: the document stays held until close. */
	get error(): unknown {
		return this.#error;
	}

	/** The built view, or null when it was closed before the copy loaded (or building failed). */
	get ready(): Promise<T | null> {
		return this.#ready;
	}

	/** Releases the document; safe to call more than once, and before the copy has loaded. */
	close(): void {
		this.#closed = true;
		this.#stop();
		this.#built = null;
	}

	#start(): void {
		if (this.#closed || this.#handle) {
			return;
		}
		const handle = this.#open();
		this.#handle = handle;
		this.#ready = handle.whenLoaded.then(() => this.#make(handle));
	}

	#stop(): void {
		const handle = this.#handle;
		if (!handle) {
			return;
		}
		this.#handle = null;
		const built = untrack(() => this.#built);
		if (built?.handle === handle) {
			this.#dispose?.(built.view);
		}
		handle.release();
	}

	#make(handle: ViewableHandle): T | null {
		if (this.#handle !== handle) {
			return null;
		}
		try {
			const view = this.#build(handle.doc, { name: handle.name, awareness: handle.awareness });
			this.#built = { handle, view };
			return view;
		} catch (error) {
			// A view that cannot be built must not take the screen down; the owner may show it.
			console.error(`building a view of ${handle.name} failed`, error);
			this.#error = error;
			return null;
		}
	}
}
