import { emailProblem, nameProblem, normalizeEmail } from '../../domain/account';
import { err, ok, type Result } from '../errors';

export const MAX_MESSAGE_LENGTH = 2000;
export const MAX_CLIENT_TYPE_LENGTH = 50;

export interface InviteInput {
	name: string;
	email: string;
	clientType: string | null;
	message: string | null;
	packageId: string | null;
}

export interface AcceptInput {
	/** Absent means "keep the name the coach typed". */
	name: string | null;
	password: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An optional text field: absent, null or blank is null; any other non-string is an error. */
function optionalText(
	body: Record<string, unknown>,
	key: string,
	max: number
): Result<string | null> {
	const value = body[key];
	if (value === undefined || value === null) {
		return ok(null);
	}
	if (typeof value !== 'string') {
		return err('invalid-input', `"${key}" must be a string.`);
	}
	const trimmed = value.trim();
	if (trimmed.length > max) {
		return err('invalid-input', `"${key}" can be at most ${max} characters.`);
	}
	return ok(trimmed === '' ? null : trimmed);
}

export function parseInvite(body: unknown): Result<InviteInput> {
	if (!isRecord(body)) {
		return err('invalid-input', "Send a JSON object with the client's name and email.");
	}
	const name = typeof body.name === 'string' ? body.name.trim() : '';
	const email = normalizeEmail(typeof body.email === 'string' ? body.email : '');
	const problem = nameProblem(name) ?? emailProblem(email);
	if (problem) {
		// The account rules speak to the person signing up; here the coach types someone else's.
		return err('invalid-input', problem.replace('your', "the client's"));
	}
	const clientType = optionalText(body, 'clientType', MAX_CLIENT_TYPE_LENGTH);
	if (!clientType.ok) {
		return clientType;
	}
	const message = optionalText(body, 'message', MAX_MESSAGE_LENGTH);
	if (!message.ok) {
		return message;
	}
	const packageId = optionalText(body, 'packageId', 64);
	if (!packageId.ok) {
		return packageId;
	}
	return ok({
		name,
		email,
		clientType: clientType.value,
		message: message.value,
		packageId: packageId.value
	});
}

export function parseAccept(body: unknown): Result<AcceptInput> {
	if (!isRecord(body)) {
		return err('invalid-input', 'Send a JSON object with a password (and optionally your name).');
	}
	const password = typeof body.password === 'string' ? body.password : '';
	if (!password) {
		return err('invalid-input', 'Enter a password.');
	}
	if (body.name !== undefined && body.name !== null && typeof body.name !== 'string') {
		return err('invalid-input', '"name" must be a string.');
	}
	const name = typeof body.name === 'string' ? body.name.trim() : '';
	if (name) {
		const problem = nameProblem(name);
		if (problem) {
			return err('invalid-input', problem);
		}
	}
	return ok({ name: name || null, password });
}
