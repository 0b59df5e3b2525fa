/*
 * Messages between the page and the export worker. The page sends the plan, then each
 * engagement's encoded states (transferred, not copied) as it reads them, then 'finish'; the
 * worker answers each engagement with progress so the page can keep only a few in flight.
 */
import type { ExportPlan } from './build-export';
import type { EngagementStates } from './format';

export type ToExportWorker =
	| { readonly type: 'start'; readonly plan: ExportPlan; readonly coachState: Uint8Array | null }
	| { readonly type: 'engagement'; readonly id: string; readonly states: EngagementStates }
	| { readonly type: 'finish' };

export type FromExportWorker =
	/** `done` of `total` work units (one per engagement, one for the coach document). */
	| { readonly type: 'progress'; readonly done: number; readonly total: number }
	| { readonly type: 'done'; readonly zip: Blob; readonly bytes: number; readonly files: number }
	| { readonly type: 'failed'; readonly message: string };
