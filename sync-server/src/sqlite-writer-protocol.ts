import type { SqliteSynchronous } from './sqlite-schema';

/** Messages between SqlitePersistence (main thread) and its writer thread. */
export interface WriterOptions {
	filename: string;
	synchronous: SqliteSynchronous;
}

export type WriterRequest =
	| { id: number; op: 'append'; entries: { docName: string; update: Uint8Array }[] }
	| { id: number; op: 'compact'; docName: string }
	| { id: number; op: 'delete'; docName: string }
	| { id: number; op: 'close' };

export type WriterReply = { id: number; ok: true } | { id: number; ok: false; message: string };
