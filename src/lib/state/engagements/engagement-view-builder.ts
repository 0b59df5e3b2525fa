import type * as Y from 'yjs';
import type { PublicUser } from '../../domain/account';
import { EngagementPeople } from '../../domain/identity';
import type { OpenedDoc } from '../../local/doc-view.svelte';
import type { EngagementSummary } from '../../api/engagements';
import { EngagementView } from './engagement-view.svelte';
import { eventReporter } from '../notifications/report-event';
import type { Workspace } from '../app/workspace-context';

/**
 * How a screen builds the one EngagementView of an `eng:` document: the chat's *Sending…* marks
 * follow the registry, the user's changes are reported for the other side's notifications, and
 * ids from before an import count as the user's own.
 *
 *     const shared = $derived(registry.view(engagement.docs.shared, engagementViewBuilder(workspace, engagement, user)));
 */
export function engagementViewBuilder(
	workspace: Pick<Workspace, 'registry' | 'queue'>,
	engagement: EngagementSummary,
	user: PublicUser
): (doc: Y.Doc, opened: OpenedDoc) => EngagementView {
	const formerIds = new EngagementPeople(engagement, user.id).myIds.filter((id) => id !== user.id);
	return (doc, opened) =>
		new EngagementView(doc, user.id, {
			docName: opened.name,
			formerIds,
			confirmations: workspace.registry,
			report: eventReporter(workspace, { engagementId: engagement.id, role: user.role })
		});
}
