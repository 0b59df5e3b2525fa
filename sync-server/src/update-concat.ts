import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Where a plain update's structs sit in its bytes: one client, one contiguous run of structs, no
 * deletions. Most edits look like that (one keystroke, one message), and a batch of them can be
 * joined by copying bytes instead of decoding and re-encoding every struct with Y.mergeUpdates.
 */
export interface StructRun {
	client: number;
	clock: number;
	/** Clock after the run's last struct. */
	end: number;
	structs: number;
	/** Bytes before the first struct (client count, struct count, client, clock). */
	headerBytes: number;
}

type Struct = Y.Item | Y.GC | Y.Skip;

/**
 * The run of an update already decoded by the caller, or null when it is not plain: several
 * clients, a hole, a Skip, deletions, or header bytes that do not read back as expected (the V1
 * update format: varUint client count, then per client varUint struct count, client, clock;
 * the structs; then the delete set, a single 0 byte when empty).
 */
export function structRunOf(
	update: Uint8Array,
	decoded: { structs: Struct[]; ds: { clients: Map<number, unknown> } }
): StructRun | null {
	const { structs, ds } = decoded;
	const first = structs[0];
	if (!first || ds.clients.size > 0 || update[update.byteLength - 1] !== 0) {
		return null;
	}
	const { client, clock } = first.id;
	let end = clock;
	for (const struct of structs) {
		if (struct.id.client !== client || struct.id.clock !== end || struct instanceof Y.Skip) {
			return null;
		}
		end += struct.length;
	}
	const decoder = decoding.createDecoder(update);
	const header = [1, structs.length, client, clock];
	if (header.some((expected) => decoding.readVarUint(decoder) !== expected)) {
		return null;
	}
	return { client, clock, end, structs: structs.length, headerBytes: decoder.pos };
}

/**
 * Joins plain updates into one, or returns null when they cannot be joined by copying (a run
 * that is not plain, or a client whose runs do not follow each other). The result carries one
 * struct per input struct; Y.mergeUpdates would also fuse neighbours, which the in-memory tiers
 * and the store's compaction do later anyway.
 */
export function concatRuns(
	parts: readonly { update: Uint8Array; run: StructRun | null }[]
): Uint8Array | null {
	const byClient = new Map<number, { update: Uint8Array; run: StructRun }[]>();
	for (const { update, run } of parts) {
		if (!run) {
			return null;
		}
		const runs = byClient.get(run.client) ?? [];
		const previous = runs.at(-1);
		if (previous && previous.run.end !== run.clock) {
			return null;
		}
		runs.push({ update, run });
		byClient.set(run.client, runs);
	}
	// Headers through lib0, struct bytes copied once into the result (no growing buffer).
	const pieces = [varUints(byClient.size)];
	// Higher client ids first, as Yjs writes them (readers accept any order).
	for (const [client, runs] of [...byClient].sort((x, y) => y[0] - x[0])) {
		const structs = runs.reduce((sum, { run }) => sum + run.structs, 0);
		pieces.push(varUints(structs, client, runs[0]!.run.clock));
		for (const { update, run } of runs) {
			pieces.push(update.subarray(run.headerBytes, update.byteLength - 1));
		}
	}
	const joined = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.byteLength, 1));
	let offset = 0;
	for (const piece of pieces) {
		joined.set(piece, offset);
		offset += piece.byteLength;
	}
	joined[offset] = 0; // the empty delete set
	return joined;
}

function varUints(...values: number[]): Uint8Array {
	const encoder = encoding.createEncoder();
	values.forEach((value) => encoding.writeVarUint(encoder, value));
	return encoding.toUint8Array(encoder);
}
