/**
 * The wire contract of the coach's public profile (GET and PUT /api/profile). The body is
 * checked as a whole by the domain rules (domain/profile-rules.ts), whose one sentence names
 * the first broken rule.
 */

import * as v from 'valibot';
import { parsePublicProfile, type PublicProfileInput } from '../domain/profile-rules';
import { domainValue } from './fields';

/** PUT /api/profile: replaces the whole profile; `name`, when sent, renames the account. */
export const profileInputSchema = domainValue(parsePublicProfile) satisfies v.GenericSchema<
	unknown,
	PublicProfileInput
>;
export type ProfileInput = v.InferOutput<typeof profileInputSchema>;

/** The profile as a client sees it, in their engagement list. */
export const publicProfileSchema = v.object({
	bio: v.string(),
	photo: v.nullable(v.string()),
	links: v.array(v.object({ label: v.string(), url: v.string() })),
	greeting: v.string(),
	updatedAt: v.string()
});
export type PublicProfile = v.InferOutput<typeof publicProfileSchema>;

/** The coach's own view: the public profile plus the account name it is shown with. */
export const ownProfileSchema = v.object({ name: v.string(), ...publicProfileSchema.entries });
export type OwnProfile = v.InferOutput<typeof ownProfileSchema>;

/** The body of GET and PUT /api/profile (null before the first publish). */
export const profileBodySchema = v.object({ profile: v.nullable(ownProfileSchema) });
