import { emailProblem, nameProblem, normalizeEmail, passwordProblem } from '../../domain/account';
import { err, ok, type Result } from '../errors';

export interface SignupInput {
	name: string;
	email: string;
	password: string;
}

export interface LoginInput {
	email: string;
	password: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(body: Record<string, unknown>, key: string): string | undefined {
	const value = body[key];
	return typeof value === 'string' ? value : undefined;
}

/** Turns an untrusted body (parsed JSON or form fields) into a valid signup, or says what is wrong. */
export function parseSignup(body: unknown): Result<SignupInput> {
	if (!isRecord(body)) {
		return err('invalid-input', 'Send a JSON object with name, email and password.');
	}
	const name = stringField(body, 'name')?.trim() ?? '';
	const email = normalizeEmail(stringField(body, 'email') ?? '');
	const password = stringField(body, 'password') ?? '';
	const problem = nameProblem(name) ?? emailProblem(email) ?? passwordProblem(password);
	return problem ? err('invalid-input', problem) : ok({ name, email, password });
}

export function parseLogin(body: unknown): Result<LoginInput> {
	if (!isRecord(body)) {
		return err('invalid-input', 'Send a JSON object with email and password.');
	}
	const email = normalizeEmail(stringField(body, 'email') ?? '');
	const password = stringField(body, 'password') ?? '';
	const problem = emailProblem(email) ?? (password ? null : 'Enter your password.');
	return problem ? err('invalid-input', problem) : ok({ email, password });
}
