/**
 * The wire contract of the signed-in account's own settings: email and password changes,
 * deleting the account, signed-in devices, the phone number and the browser's time zone
 * (/api/account/**, /api/me/**). Shared by the endpoints and the Settings screens.
 */

import * as v from 'valibot';
import { parsePhone } from '../domain/phone';
import { canonicalZone } from '../domain/time-zone-name';
import { publicUserSchema } from './auth';
import { domainValue } from './fields';

/** Two strings the service checks (the current password first); anything else is one sentence. */
function twoStrings<A extends string, B extends string>(a: A, b: B, message: string) {
	return v.object(
		{ [a]: v.string(message), [b]: v.string(message) } as Record<A | B, v.StringSchema<string>>,
		message
	);
}

/** POST /api/account/email: the new address gets a link that makes the change. */
export const emailChangeInputSchema = twoStrings(
	'newEmail',
	'password',
	'Send newEmail and password.'
);
export type EmailChangeInput = v.InferOutput<typeof emailChangeInputSchema>;

/** POST /api/account/password. */
export const passwordChangeInputSchema = twoStrings(
	'currentPassword',
	'newPassword',
	'Send currentPassword and newPassword.'
);
export type PasswordChangeInput = v.InferOutput<typeof passwordChangeInputSchema>;

const ENTER_PASSWORD_TO_DELETE = 'Enter your password to delete your account.';

/** POST /api/account/delete. */
export const deleteAccountInputSchema = v.object(
	{ password: v.string(ENTER_PASSWORD_TO_DELETE) },
	ENTER_PASSWORD_TO_DELETE
);

/** What deleting the account does to one engagement (GET /api/account/delete). */
export const deletionImpactSchema = v.object({
	engagementId: v.string(),
	status: v.picklist(['pending', 'active', 'ended']),
	/** The other side: the client for a coach, the coach for a client. */
	name: v.string(),
	email: v.string(),
	/** Whether the other side gets an email about it. */
	notified: v.boolean()
});
export type DeletionImpact = v.InferOutput<typeof deletionImpactSchema>;

export const deletionPlanSchema = v.object({
	role: v.picklist(['coach', 'client']),
	engagements: v.array(deletionImpactSchema)
});
export type DeletionPlan = v.InferOutput<typeof deletionPlanSchema>;

/** One signed-in device (GET /api/account/sessions). */
export const signedInDeviceSchema = v.object({
	id: v.string(),
	/** A short summary of its browser and system, e.g. "Firefox on Windows". */
	device: v.string(),
	signedInAt: v.string(),
	lastUsedAt: v.string(),
	current: v.boolean()
});
export type SignedInDevice = v.InferOutput<typeof signedInDeviceSchema>;

export const deviceListSchema = v.object({ devices: v.array(signedInDeviceSchema) });
export type DeviceList = v.InferOutput<typeof deviceListSchema>;

const PHONE_SHAPE = 'Send { "phone": "<number>" } or { "phone": null }.';

/** PUT /api/me/phone: null or blank removes the number; the domain rule tidies and checks it. */
export const phoneInputSchema = v.object({ phone: domainValue(parsePhone) }, PHONE_SHAPE);

/** The signed-in user with their phone number (GET and PUT /api/me/phone). */
export const userWithPhoneSchema = v.object({
	...publicUserSchema.entries,
	phone: v.nullable(v.string())
});
export type UserWithPhone = v.InferOutput<typeof userWithPhoneSchema>;
export const phoneBodySchema = v.object({ user: userWithPhoneSchema });

const ZONE_SHAPE = 'Send { "timeZone": "<IANA zone>" }, e.g. { "timeZone": "Europe/Berlin" }.';

/** PUT /api/me/time-zone: an IANA zone, stored under its current name (offsets refused). */
export const timeZoneInputSchema = v.object(
	{ timeZone: v.pipe(v.unknown(), v.transform(canonicalZone), v.string(ZONE_SHAPE)) },
	ZONE_SHAPE
);

/** The answer to PUT /api/me/time-zone: the stored name, and whether it changed. */
export const timeZoneBodySchema = v.object({ timeZone: v.string(), changed: v.boolean() });
export type TimeZoneBody = v.InferOutput<typeof timeZoneBodySchema>;
