import * as Y from 'yjs';
import { updateFrame } from './frames';
import { marker } from './markers';

/**
 * One growing stream of small appends to a Y.Text (edit `i` carries marker(i)), generated in
 * chunks as scenarios ask for more and shared by both servers so each receives the same bytes.
 * The Y.Doc stays alive: later edits reference earlier ones, so regenerating a prefix with a new
 * client id would produce updates no server could integrate.
 */
export class EditSource {
	readonly #frames: Uint8Array[] = [];
	readonly #doc = new Y.Doc();
	readonly #text = this.#doc.getText('notes');

	constructor() {
		this.#doc.on('update', (update: Uint8Array) => this.#frames.push(updateFrame(update)));
	}

	/** Frames [start, start + count); generation happens here, outside any timed section. */
	take(start: number, count: number): Uint8Array[] {
		while (this.#frames.length < start + count) {
			// Consecutive inserts by one client merge into one growing item, and encoding each
			// update slices that whole string: quadratic. A fresh client id every thousand
			// edits keeps items (and the cost per edit) small. Ids stay unique: random 32-bit.
			if (this.#frames.length % 1000 === 999) {
				this.#doc.clientID = Math.floor(Math.random() * 2 ** 32);
			}
			this.#text.insert(this.#text.length, `${marker(this.#frames.length)} ok `);
		}
		return this.#frames.slice(start, start + count);
	}
}
