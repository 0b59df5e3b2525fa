import { json } from '@sveltejs/kit';
import { respond } from '$lib/server/http';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

// Public: the link itself is the credential. The param is the emailed token here.
export const GET: RequestHandler = ({ params }) =>
	respond(async () => {
		const preview = await useServices().invites.preview(params.tokenOrId);
		return preview.ok ? json({ invite: preview.value }) : preview.error;
	});
