/** Messages between SqlitePersistence (main thread) and its maintenance thread. */
export interface MaintenanceOptions {
	filename: string;
}

/** A compaction's result: the log up to `upto` (`rows` rows) replayed into one state. */
export interface FoldedLog {
	state: Uint8Array;
	rows: number;
	upto: number;
}

export type MaintenanceRequest =
	| { id: number; op: 'fold'; docName: string }
	| { id: number; op: 'checkpoint' }
	| { id: number; op: 'forget'; docName: string }
	| { id: number; op: 'close' };

export type MaintenanceReply =
	{ id: number; ok: true; folded?: FoldedLog | null } | { id: number; ok: false; message: string };
