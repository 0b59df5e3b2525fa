/**
 * Typing marks the open note as updated, at most once per pause: one small write when the
 * typing pauses rather than one per keystroke. Used by every note editor (shared, private,
 * former clients); `cancel` on unmount.
 */
export class NoteToucher {
	readonly #delayMs: number;
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(delayMs = 2000) {
		this.#delayMs = delayMs;
	}

	soon(notes: { touch(noteId: string): unknown } | null | undefined, noteId: string): void {
		if (!notes || this.#timer !== undefined) {
			return;
		}
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			notes.touch(noteId);
		}, this.#delayMs);
	}

	cancel(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
	}
}
