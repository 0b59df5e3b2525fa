/// <reference lib="webworker" />
/*
 * The export runs here, off the page's thread: decoding every document, rendering Markdown
 * and deflating the zip are the heavy parts, and the page only posts encoded states and
 * draws progress. Bundled by Vite from `new Worker(new URL('./export.worker.ts', ...))`.
 */
import { ExportSession } from './export-session';
import type { FromExportWorker, ToExportWorker } from './worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new ExportSession((message: FromExportWorker) => scope.postMessage(message));

scope.addEventListener('message', (event: MessageEvent<ToExportWorker>) => {
	session.handle(event.data);
});
