import { json } from '@sveltejs/kit';
import { signupInputSchema } from '$lib/api/auth';
import { endpoint } from '$lib/server/endpoint';

// Always 202 for valid input, whether or not the address has an account: the email says which.
export const POST = endpoint({
	role: 'public',
	body: signupInputSchema,
	handle: async ({ input, event, services }) => {
		await services.signup.request(input, services.config.origin ?? event.url.origin);
		return json({ status: 'check-email' }, { status: 202 });
	}
});
