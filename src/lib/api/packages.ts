/**
 * The catalogue half of the HTTP contract (`/api/packages/**` and giving an engagement a
 * package): the bodies the coach's forms send and the package as the server shows it. The
 * per-field sentences are the domain's (domain/package-rules.ts), so the form and the API's 400
 * say the same words.
 */

import * as v from 'valibot';
import type { FieldErrors } from '../domain/field-errors';
import {
	parseNewPackage,
	readPackageFields,
	type PackageParse,
	type PackageTermsInput
} from '../domain/package-rules';
import { jsonObject } from './json-object';

/** `GET /api/packages` → `packages[]`: one entry of the coach's catalogue. */
export interface CatalogPackage {
	id: string;
	name: string;
	sessionsTotal: number;
	sessionMinutes: number;
	priceCents: number;
	currency: string;
	noShowConsumesSession: boolean;
	/** Clients with this package pick their own times (absent in copies saved before scheduling). */
	selfBooking?: boolean;
	createdAt: string;
}

export type PackageFields = Omit<CatalogPackage, 'id' | 'createdAt'>;

const SELF_BOOKING_PROBLEM = '"selfBooking" must be true or false.';

type AddIssue = (info: { message: string; path?: [v.ObjectPathItem] }) => void;

/**
 * A refused domain parse as issues: the summary first (so it is the response's `error`), then
 * each field's own sentence under its key (the response's `fields`).
 */
function refuse(
	body: Record<string, unknown>,
	problem: string,
	fields: FieldErrors,
	addIssue: AddIssue
): void {
	addIssue({ message: problem });
	for (const [key, message] of Object.entries(fields)) {
		if (message) {
			addIssue({
				message,
				path: [{ type: 'object', origin: 'value', input: body, key, value: body[key] }]
			});
		}
	}
}

/**
 * `selfBooking` is optional in bodies (packages made before scheduling never sent it); only a
 * non-boolean is refused, and only once the terms are fine (the terms' sentences come first).
 */
function withSelfBooking<T extends object>(
	body: Record<string, unknown>,
	parsed: PackageParse<T>,
	addIssue: AddIssue
): (T & { selfBooking?: boolean }) | null {
	if (!parsed.ok) {
		refuse(body, parsed.problem, parsed.fields, addIssue);
		return null;
	}
	const selfBooking = body.selfBooking;
	if (selfBooking !== undefined && typeof selfBooking !== 'boolean') {
		addIssue({ message: SELF_BOOKING_PROBLEM });
		return null;
	}
	return selfBooking === undefined ? { ...parsed.value } : { ...parsed.value, selfBooking };
}

/** `POST /api/packages`: every term present and every rule kept (all bad fields named). */
export const packageInputSchema = v.pipe(
	jsonObject('Send a JSON object with the package fields.'),
	v.rawTransform(({ dataset, addIssue, NEVER }) => {
		const body = dataset.value;
		const terms = withSelfBooking(body, parseNewPackage(body), addIssue);
		return terms ?? NEVER;
	})
);

export type PackageInput = PackageTermsInput & { selfBooking?: boolean };

/**
 * `PATCH /api/packages/<id>`: the fields to change, each well typed (strings trimmed, currency
 * upper-cased); the rules are checked on the result, over the current terms, by the service.
 */
export const packageEditSchema = v.pipe(
	jsonObject('Send a JSON object with the fields to change.'),
	v.rawTransform(({ dataset, addIssue, NEVER }) => {
		const body = dataset.value;
		const edit = withSelfBooking(body, readPackageFields(body), addIssue);
		return edit ?? NEVER;
	})
);

export type PackageEdit = Partial<PackageTermsInput> & { selfBooking?: boolean };

const ASSIGN_PROBLEM = 'Send { "packageId": "<id of one of your packages>" }.';

/** `POST /api/engagements/<id>/package`: which catalogue package the engagement gets. */
export const packageAssignSchema = v.object(
	{
		packageId: v.pipe(v.string(ASSIGN_PROBLEM), v.trim(), v.nonEmpty(ASSIGN_PROBLEM))
	},
	ASSIGN_PROBLEM
);

export type PackageAssignInput = v.InferOutput<typeof packageAssignSchema>;
