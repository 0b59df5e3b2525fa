/**
 * The invite half of the HTTP contract (`/api/invites/**`): the bodies the coach's form and the
 * invitee's onboarding page send, and the invite as the server shows it. Read by the endpoints
 * and by the browser.
 */

import * as v from 'valibot';
import type { PublicUser } from '../domain/account';
import { emailProblem, nameProblem, normalizeEmail } from '../domain/account';
import { jsonObject } from './json-object';

export const MAX_MESSAGE_LENGTH = 2000;
export const MAX_CLIENT_TYPE_LENGTH = 50;
const MAX_PACKAGE_ID_LENGTH = 64;

/**
 * Any value, a missing key included: valibot refuses a missing key unless its schema is
 * optional, and these fields say what is wrong with a missing value in their own words.
 */
const present = () => v.optional(v.unknown(), null);

const trimmedOrEmpty = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

// The account rules speak to the person signing up; here the coach types someone else's.
const forClient = (problem: string) => problem.replace('your', "the client's");

/** Text that may be left out: absent, null or blank is null; any other non-string is refused. */
const optionalString = (key: string) =>
	v.pipe(
		present(),
		v.check(
			(value) => value === undefined || value === null || typeof value === 'string',
			`"${key}" must be a string.`
		),
		v.transform((value) => (typeof value === 'string' ? value.trim() : ''))
	);

const optionalText = (key: string, max: number) =>
	v.pipe(
		optionalString(key),
		v.maxLength(max, `"${key}" can be at most ${max} characters.`),
		v.transform((value) => (value === '' ? null : value))
	);

/** `POST /api/invites`: who to invite, with an optional note and catalogue package. */
export const inviteInputSchema = v.pipe(
	jsonObject("Send a JSON object with the client's name and email."),
	v.object({
		name: v.pipe(
			present(),
			v.transform(trimmedOrEmpty),
			v.check(
				(name) => nameProblem(name) === null,
				(issue) => forClient(nameProblem(String(issue.input)) ?? '')
			)
		),
		email: v.pipe(
			present(),
			v.transform((value) => normalizeEmail(typeof value === 'string' ? value : '')),
			v.check(
				(email) => emailProblem(email) === null,
				(issue) => forClient(emailProblem(String(issue.input)) ?? '')
			)
		),
		clientType: optionalText('clientType', MAX_CLIENT_TYPE_LENGTH),
		message: optionalText('message', MAX_MESSAGE_LENGTH),
		packageId: optionalText('packageId', MAX_PACKAGE_ID_LENGTH)
	})
);

/** What the coach typed into the invite form, as the server keeps it (blank optional text is null). */
export type InviteInput = v.InferOutput<typeof inviteInputSchema>;

/** The body of `POST /api/invites` as the browser sends it: optional text may be left out. */
export type InviteRequest = Pick<InviteInput, 'name' | 'email'> &
	Partial<Omit<InviteInput, 'name' | 'email'>>;

/** `POST /api/invites/<token>/accept`: a password, and a name only to change the coach's spelling. */
export const acceptInputSchema = v.pipe(
	jsonObject('Send a JSON object with a password (and optionally your name).'),
	v.object({
		password: v.pipe(
			present(),
			v.check((value) => typeof value === 'string' && value !== '', 'Enter a password.'),
			v.transform((value) => value as string)
		),
		name: v.pipe(
			optionalString('name'),
			v.check(
				(name) => name === '' || nameProblem(name) === null,
				(issue) => nameProblem(String(issue.input)) ?? ''
			),
			// Absent means "keep the name the coach typed".
			v.transform((name) => (name === '' ? null : name))
		)
	})
);

export type AcceptInput = v.InferOutput<typeof acceptInputSchema>;

export type InviteStatus = 'pending' | 'accepted' | 'expired' | 'revoked';
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'outbox';

/** An invite as the coach sees it (`GET /api/invites` → `invites[]`): never the token. */
export interface InviteView {
	id: string;
	email: string;
	name: string;
	status: InviteStatus;
	engagementId: string;
	message: string | null;
	createdAt: string;
	expiresAt: string;
	acceptedAt: string | null;
	/** How the invitation email went; `at` is when that was recorded. */
	delivery: { status: DeliveryStatus; error: string | null; attempts?: number; at?: string | null };
}

/** `GET /api/invites/<token>`: what the invitee's page needs, and nothing about other invites. */
export interface InvitePreview {
	email: string;
	name: string;
	coachName: string;
	status: 'pending';
	hasAccount: boolean;
}

/** `POST /api/invites/<token>/accept` → 201: the signed-in account and the engagement joined. */
export interface AcceptedInvite {
	user: PublicUser;
	engagementId: string;
}
