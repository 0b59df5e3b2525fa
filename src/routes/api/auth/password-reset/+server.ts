import { json } from '@sveltejs/kit';
import { emailProblem, normalizeEmail } from '$lib/domain/account';
import { failure } from '$lib/server/errors';
import { readJson, respond } from '$lib/server/http';
import { useServices } from '$lib/server/services';
import type { RequestHandler } from './$types';

// `{ "email" }` → always 202 for a valid address, account or not: only the owner gets an email.
export const POST: RequestHandler = ({ request, url, getClientAddress }) =>
	respond(async () => {
		const { passwords, config } = useServices();
		const body = await readJson(request);
		if (!body.ok) {
			return body.error;
		}
		const raw = (body.value as { email?: unknown } | null)?.email;
		const email = normalizeEmail(typeof raw === 'string' ? raw : '');
		const problem = emailProblem(email);
		if (problem) {
			return failure('invalid-input', problem, { fields: { email: problem } });
		}
		const result = await passwords.requestReset(
			email,
			config.origin ?? url.origin,
			getClientAddress()
		);
		if (!result.ok) {
			return result.error;
		}
		return json({ status: 'check-email' }, { status: 202 });
	});
