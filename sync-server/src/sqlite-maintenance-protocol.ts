import type { SqliteSynchronous } from './sqlite-schema.js';

/** Messages between SqlitePersistence (main thread) and its writer thread. */
export interface WriterOptions {
	filename: string;
	synchronous: SqliteSynchronous;
}

/**
 * An append carries all its updates in one transferred buffer (`bytes`, cut by `lengths`), and
 * the reply transfers it back. The writer's heap never holds copies then: it would not collect
 * them for a long time (tens of MB of external memory in a heap that allocates little else).
 */
export interface AppendBatch {
	docNames: string[];
	lengths: number[];
	bytes: Uint8Array;
}

export type WriterRequest =
	| ({ id: number; op: 'append' } & AppendBatch)
	| { id: number; op: 'compact'; docName: string }
	| { id: number; op: 'delete'; docName: string }
	| { id: number; op: 'close' };

export type WriterReply =
	| { id: number; ok: true; returned?: Uint8Array }
	| { id: number; ok: false; message: string; returned?: Uint8Array };
