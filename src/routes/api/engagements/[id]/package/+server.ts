import { packageAssignSchema } from '$lib/api/packages';
import { endpoint, sendResult } from '$lib/server/endpoint';

/** Gives the engagement a package from the coach's catalogue, written into its `sub:` document. */
export const POST = endpoint({
	role: 'coach',
	body: packageAssignSchema,
	handle: async ({ caller, input, event, services }) =>
		sendResult(
			await services.packageAssignment.assign(caller.user, event.params.id ?? '', input),
			(engagement) => ({ engagement: services.memberships.view(engagement) })
		)
});
