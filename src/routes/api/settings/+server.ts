import { json } from '@sveltejs/kit';
import { settingsSchema, type Settings } from '$lib/api/notifications';
import { endpoint } from '$lib/server/endpoint';

export const GET = endpoint({
	role: 'user',
	handle: ({ caller, services }) =>
		json(services.notifications.settings(caller.user) satisfies Settings)
});

export const PUT = endpoint({
	role: 'user',
	body: settingsSchema,
	handle: ({ caller, input, services }) =>
		json(services.notifications.saveSettings(caller.user, input) satisfies Settings)
});
