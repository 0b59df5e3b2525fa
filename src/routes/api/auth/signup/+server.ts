import { json } from '@sveltejs/kit';
import { parseSignup } from '$lib/server/auth/auth-input';
import { respond, readJson } from '$lib/server/http';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

// Always 202 for valid input, whether or not the address has an account: the email says which.
export const POST: RequestHandler = ({ request, url }) =>
	respond(async () => {
		const { signup, config } = useServices();
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const input = parseSignup(body.value);
		if (!input.ok) {
			return input.error;
		}
		await signup.request(input.value, config.origin ?? url.origin);
		return json({ status: 'check-email' }, { status: 202 });
	});
