import type * as Y from 'yjs';
import { createActor } from '../../src/lib/docs/actor';
import * as eng from '../../src/lib/docs/engagement-doc';
import * as sub from '../../src/lib/docs/subscription-doc';
import type { HttpClient } from '../helpers/http-client';
import type { RunningServer } from '../helpers/spawn-server';
import { must, writeDoc } from './data-import.helpers';
import { body } from './memberships.helpers';

/** The signed-in user's id, as the server knows it. */
export async function userIdOf(http: HttpClient): Promise<string> {
	return ((await body(await http.get('/api/me'))).user as { id: string }).id;
}

/**
 * Writes into `eng:<engagementId>` as the signed-in user over the real sync endpoint and waits
 * until the server holds it: what a browser does before it reports the event.
 */
export async function writeEngagement(
	server: RunningServer,
	http: HttpClient,
	engagementId: string,
	fn: (doc: Y.Doc, userId: string) => void
): Promise<void> {
	const userId = await userIdOf(http);
	await writeDoc({ server } as Parameters<typeof writeDoc>[0], http, `eng:${engagementId}`, (doc) =>
		fn(doc, userId)
	);
}

/** Sends a chat message with this id as the signed-in user; returns its event id. */
export async function sendMessage(
	server: RunningServer,
	http: HttpClient,
	engagementId: string,
	messageId: string
): Promise<string> {
	const [eventId] = await sendMessages(server, http, engagementId, [messageId]);
	return eventId!;
}

/** Sends several chat messages in one go (one sync round trip); returns their event ids. */
export async function sendMessages(
	server: RunningServer,
	http: HttpClient,
	engagementId: string,
	messageIds: readonly string[]
): Promise<string[]> {
	await writeEngagement(server, http, engagementId, (doc, userId) => {
		for (const messageId of messageIds) {
			const actor = createActor({ userId, newId: () => messageId });
			must(eng.sendMessage(doc, actor, { text: 'Hello' }));
		}
	});
	return messageIds.map((id) => `message:${id}`);
}

/** Creates and completes a goal as the signed-in user; returns the completion's event id. */
export async function completeGoal(
	server: RunningServer,
	http: HttpClient,
	engagementId: string,
	goalId: string,
	completedAt = 123
): Promise<string> {
	await writeEngagement(server, http, engagementId, (doc, userId) => {
		const actor = createActor({ userId, newId: () => goalId, now: () => completedAt });
		must(eng.createGoal(doc, actor, { title: 'Run 5k' }));
		must(eng.completeGoal(doc, actor, { goalId }));
	});
	return `goal:${goalId}:completed:${completedAt}`;
}

/** Records a completed session in `sub:<engagementId>` as the signed-in coach; returns its entry id. */
export async function recordSession(
	server: RunningServer,
	http: HttpClient,
	engagementId: string
): Promise<string> {
	const userId = await userIdOf(http);
	let entryId = '';
	const site = { server } as Parameters<typeof writeDoc>[0];
	await writeDoc(site, http, `sub:${engagementId}`, (doc) => {
		entryId = must(
			sub.recordSession(doc, createActor({ userId }), {
				kind: 'video',
				startedAt: Date.now() - 3_600_000,
				outcome: 'completed'
			})
		);
	});
	return entryId;
}

/** Appends a correction of `entryId` as the signed-in coach; returns the correction's id. */
export async function correctSession(
	server: RunningServer,
	http: HttpClient,
	engagementId: string,
	entryId: string
): Promise<string> {
	const userId = await userIdOf(http);
	let correctionId = '';
	const site = { server } as Parameters<typeof writeDoc>[0];
	await writeDoc(site, http, `sub:${engagementId}`, (doc) => {
		correctionId = must(
			sub.correctSession(doc, createActor({ userId }), { sessionId: entryId, outcome: 'no-show' })
		);
	});
	return correctionId;
}
