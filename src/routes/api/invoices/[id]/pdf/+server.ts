import { respond } from '$lib/server/http';
import { requireUser } from '$lib/server/memberships/guards';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The invoice as a PDF for its coach and its client; 404 for anyone else. */
export const GET: RequestHandler = ({ locals, params }) =>
	respond(async () => {
		const signedIn = requireUser(locals);
		if (!signedIn.ok) {
			return signedIn.error;
		}
		const pdf = await useServices().payments.invoices.pdf(signedIn.value.user, params.id);
		if (!pdf.ok) {
			return pdf.error;
		}
		return new Response(Buffer.from(pdf.value.bytes), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="${pdf.value.fileName}"`,
				'cache-control': 'private, no-store'
			}
		});
	});
