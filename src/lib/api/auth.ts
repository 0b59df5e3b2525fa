/**
 * The wire contract of signing up, signing in and recovering a password (/api/auth/**, and the
 * signup/login form actions, which parse the same fields). The sentences come from the domain
 * rules in domain/account.ts, so the form and the API say the same words.
 */

import * as v from 'valibot';
import {
	emailProblem,
	nameProblem,
	normalizeEmail,
	passwordProblem,
	type PublicUser
} from '../domain/account';
import { jsonObject, ruledText } from './fields';

const ENTER_PASSWORD = 'Enter your password.';

/** POST /api/auth/signup: the name is trimmed, the email normalised, the password kept as typed. */
export const signupInputSchema = jsonObject(
	{
		name: ruledText(nameProblem, (name) => name.trim()),
		email: ruledText(emailProblem, normalizeEmail),
		password: ruledText(passwordProblem)
	},
	'Send a JSON object with name, email and password.'
);
export type SignupInput = v.InferOutput<typeof signupInputSchema>;

/** POST /api/auth/login. */
export const loginInputSchema = jsonObject(
	{
		email: ruledText(emailProblem, normalizeEmail),
		password: ruledText((password) => (password ? null : ENTER_PASSWORD))
	},
	'Send a JSON object with email and password.'
);
export type LoginInput = v.InferOutput<typeof loginInputSchema>;

/** `{ token }` from an emailed link (any non-empty string; the service checks it). */
export function tokenInputSchema(missing: string) {
	return v.object(
		{ token: v.optional(v.pipe(v.string(missing), v.nonEmpty(missing)), '') },
		missing
	);
}

/** POST /api/auth/signup/confirm and /api/account/email/confirm. */
export const confirmInputSchema = tokenInputSchema('The confirmation link is missing its token.');

/** POST /api/auth/password-reset: `{ email }`; any other body reads as no address. */
export const resetRequestInputSchema = v.pipe(
	v.unknown(),
	v.transform((body) => (typeof body === 'object' && body !== null ? body : {})),
	v.object({ email: ruledText(emailProblem, normalizeEmail) })
);

/**
 * POST /api/auth/password-reset/confirm: `{ token, password }`. The new password is checked by
 * the service (after the token, so a dead link is reported before a short password).
 */
export const resetConfirmInputSchema = v.pipe(
	v.unknown(),
	v.transform((body) => (typeof body === 'object' && body !== null ? body : {})),
	v.object({
		token: v.optional(
			v.pipe(
				v.string('The reset link is missing its token.'),
				v.nonEmpty('The reset link is missing its token.')
			),
			''
		),
		password: v.optional(
			v.pipe(
				v.unknown(),
				v.transform((password) => (typeof password === 'string' ? password : ''))
			),
			''
		)
	})
);

const roleSchema = v.picklist(['coach', 'client']);

/** The signed-in user, as /api/me, login, signup confirmation and password reset answer it. */
export const publicUserSchema = v.object({
	id: v.string(),
	name: v.string(),
	email: v.string(),
	role: roleSchema
}) satisfies v.GenericSchema<unknown, PublicUser>;

/** `{ user }`: the body of every answer that signs someone in or describes them. */
export const userBodySchema = v.object({ user: publicUserSchema });
export type UserBody = v.InferOutput<typeof userBodySchema>;
