import { json } from '@sveltejs/kit';
import { eventInputSchema } from '$lib/api/notifications';
import { endpoint } from '$lib/server/endpoint';

/** A browser reports an event it caused; 201 when recorded now, 200 when it was already known. */
export const POST = endpoint({
	role: 'user',
	body: eventInputSchema,
	maxBytes: 4096,
	handle: async ({ caller, input, event, services }) => {
		const reported = await services.notifications.report(caller.user, input, event.url.origin);
		if (!reported.ok) {
			return reported.error;
		}
		return json(reported.value, { status: reported.value.recorded ? 201 : 200 });
	}
});
