/** Messages between the bench (parent) and a server child process. */
export type ChildMessage = { type: 'ready'; port: number } | { type: 'gc-done' };
export type ParentMessage = { type: 'gc' };

/**
 * Lets the parent ask for a full collection before reading VmRSS, so both servers are measured
 * after the same cleanup rather than at a random point of their GC cycle.
 */
export function answerParent(): void {
	// A bench that crashes or hits its time limit must not leave servers pinned to a core.
	process.on('disconnect', () => process.exit(0));
	process.on('message', (message: ParentMessage) => {
		if (message.type === 'gc') {
			(globalThis as { gc?: () => void }).gc?.();
			process.send?.({ type: 'gc-done' } satisfies ChildMessage);
		}
	});
}

export function announceReady(port: number): void {
	process.send?.({ type: 'ready', port } satisfies ChildMessage);
}
