import { packageEditSchema } from '$lib/api/packages';
import { endpoint, sendResult } from '$lib/server/endpoint';
import { packageView } from '$lib/server/packages/package-service';

export const PATCH = endpoint({
	role: 'coach',
	body: packageEditSchema,
	handle: ({ caller, input, event, services }) =>
		sendResult(services.packages.update(caller.user, event.params.id ?? '', input), (pkg) => ({
			package: packageView(pkg)
		}))
});

/** Archives: engagements that were given the package keep their copy of its terms. */
export const DELETE = endpoint({
	role: 'coach',
	handle: ({ caller, event, services }) => {
		const archived = services.packages.archive(caller.user, event.params.id ?? '');
		return archived.ok ? new Response(null, { status: 204 }) : archived.error;
	}
});
