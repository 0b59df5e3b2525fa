import { tick } from 'svelte';
import type { TandemIndexDb } from '../../local/db';
import type { EngagementSummary } from '../../api/engagements';
import { forgetEngagement } from '../../local/forget-local-data';
import type { Engagements } from './engagements.svelte';

/** The note shown on a closed engagement, from the viewer's side. */
export function closedNote(viewer: 'coach' | 'client'): string {
	return viewer === 'client'
		? 'Your coach closed this account. You can still read and export what is on this device.'
		: "This client's account is closed. You can still read and export what is on this device.";
}

/**
 * "Remove from this device": drops a closed engagement from the list (so its views go away and
 * release its documents), closes the documents, then deletes their local copies and index rows.
 */
export async function removeClosedEngagement(
	deps: {
		userId: string;
		engagements: Pick<Engagements, 'remove'>;
		registry: { close(docNames: readonly string[]): Promise<void> };
		indexDb: TandemIndexDb;
	},
	engagement: EngagementSummary
): Promise<void> {
	if (engagement.status !== 'closed') {
		return;
	}
	deps.engagements.remove(engagement.id);
	// Let the views that showed it unmount and release their handles first.
	await tick();
	const { shared, subscription } = engagement.docs;
	await deps.registry.close([shared, subscription]);
	await forgetEngagement({
		userId: deps.userId,
		engagementId: engagement.id,
		docs: engagement.docs,
		indexDb: deps.indexDb
	});
}
