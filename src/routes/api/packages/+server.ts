import { json } from '@sveltejs/kit';
import { packageInputSchema } from '$lib/api/packages';
import { endpoint, sendResult } from '$lib/server/endpoint';
import { packageView } from '$lib/server/packages/package-service';

export const GET = endpoint({
	role: 'coach',
	handle: ({ caller, services }) =>
		json({ packages: services.packages.list(caller.user).map(packageView) })
});

export const POST = endpoint({
	role: 'coach',
	body: packageInputSchema,
	handle: ({ caller, input, services }) =>
		sendResult(
			services.packages.create(caller.user, input),
			(pkg) => ({ package: packageView(pkg) }),
			201
		)
});
