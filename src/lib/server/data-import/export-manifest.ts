import { emailProblem, nameProblem, normalizeEmail } from '../../domain/account';
import { err, ok, type Result } from '../errors';
import { safeZipPath } from './zip-path.js';

export { safeZipPath };

/**
 * The parts of an export's manifest.json (format versions 1 and 2, docs/own-your-data.md) that
 * an import uses. Everything else in the manifest (exportedAt, files) is informational.
 */
export interface ManifestEngagement {
	/** The engagement's id on the exporting server; the key of the idempotency mapping. */
	id: string;
	status: 'pending' | 'active' | 'ended';
	client: { name: string; email: string };
	/**
	 * The coach's and client's user ids on the exporting server (null when absent, e.g. a
	 * pending client): the documents name them as authors, so they become identity aliases.
	 */
	sourceIds: { coach: string | null; client: string | null };
	/**
	 * Ids each side had on servers before the exporting one (version 2's `formerIds`; empty in
	 * version 1): the history may name them too, so they are aliases as well.
	 */
	earlierIds: { coach: string[]; client: string[] };
	docs: { shared: string; subscription: string };
}

/**
 * The coach's catalogue and availability (the manifest's optional `practice`), still as the
 * exporting server's API wrote them: the package and availability services validate each one
 * as they would a form, so an import cannot store what the API would refuse.
 */
export interface ManifestPractice {
	packages: Record<string, unknown>[];
	availability: Record<string, unknown> | null;
}

export interface ExportManifest {
	user: { id: string; name: string; email: string; role: 'coach' | 'client' };
	coachDoc: string | null;
	engagements: ManifestEngagement[];
	/** Null when the export has none (older exports, clients' exports, exports made offline). */
	practice: ManifestPractice | null;
}

export const MAX_ENGAGEMENTS = 1000;
export const MAX_PACKAGES = 200;
/** Version 1 had no `formerIds`; both are read. */
export const READABLE_VERSIONS: readonly unknown[] = [1, 2];
// One alias per server the history moved through: far more than anyone moves, still bounded.
export const MAX_FORMER_IDS = 50;
const MAX_ID_LENGTH = 128;
const MAX_NAME_LENGTH = 200;
const MAX_EMAIL_LENGTH = 254;

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The layout's document files: `coach.yjs` and `clients/<folder>/{eng,sub}.yjs`. */
function docPath(kind: 'coach' | 'eng' | 'sub', path: string): boolean {
	if (!safeZipPath(path)) {
		return false;
	}
	return kind === 'coach'
		? path === 'coach.yjs'
		: new RegExp(`^clients/[^/]+/${kind}\\.yjs$`).test(path);
}

function str(fields: Fields, key: string, max: number): string | null {
	const value = fields[key];
	return typeof value === 'string' && value.length > 0 && value.length <= max ? value : null;
}

/**
 * A side's `formerIds`: absent (version 1) is none; otherwise a short list of ids. Null when
 * it is malformed.
 */
function formerIds(person: unknown): string[] | null {
	const value = isRecord(person) ? person.formerIds : undefined;
	if (value === undefined) {
		return [];
	}
	if (!Array.isArray(value) || value.length > MAX_FORMER_IDS) {
		return null;
	}
	const ids = value.filter(
		(id): id is string => typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH
	);
	return ids.length === value.length ? ids : null;
}

function parseEngagement(value: unknown, index: number): Result<ManifestEngagement> {
	const where = `engagements[${index}]`;
	if (!isRecord(value) || !isRecord(value.client) || !isRecord(value.docs)) {
		return err('invalid-input', `manifest.json: ${where} needs "client" and "docs" objects.`);
	}
	const id = str(value, 'id', MAX_ID_LENGTH);
	const status = value.status;
	// The same rules as a typed invitation: these become one.
	const name = str(value.client, 'name', MAX_NAME_LENGTH)?.trim() ?? '';
	const email = normalizeEmail(str(value.client, 'email', MAX_EMAIL_LENGTH) ?? '');
	const shared = str(value.docs, 'shared', 512);
	const subscription = str(value.docs, 'subscription', 512);
	if (!id || nameProblem(name) || emailProblem(email)) {
		return err(
			'invalid-input',
			`manifest.json: ${where} needs an id, the client's name (at most 100 characters) and a valid email.`
		);
	}
	if (status !== 'pending' && status !== 'active' && status !== 'ended') {
		return err('invalid-input', `manifest.json: ${where}.status must be pending, active or ended.`);
	}
	if (!shared || !docPath('eng', shared) || !subscription || !docPath('sub', subscription)) {
		return err(
			'invalid-input',
			`manifest.json: ${where}.docs must name clients/<folder>/eng.yjs and clients/<folder>/sub.yjs.`
		);
	}
	const aliases = parseAliases(value, where);
	return aliases.ok
		? ok({ id, status, client: { name, email }, ...aliases.value, docs: { shared, subscription } })
		: aliases;
}

/** Every id the engagement's history may name each side by: the exporting server's and earlier. */
function parseAliases(
	value: Fields,
	where: string
): Result<Pick<ManifestEngagement, 'sourceIds' | 'earlierIds'>> {
	const earlier = { coach: formerIds(value.coach), client: formerIds(value.client) };
	if (!earlier.coach || !earlier.client) {
		return err(
			'invalid-input',
			`manifest.json: ${where}: "formerIds" must be a list of at most ${MAX_FORMER_IDS} ids.`
		);
	}
	const client = isRecord(value.client) ? str(value.client, 'id', MAX_ID_LENGTH) : null;
	return ok({
		sourceIds: {
			coach: isRecord(value.coach) ? str(value.coach, 'id', MAX_ID_LENGTH) : null,
			client
		},
		earlierIds: { coach: earlier.coach, client: earlier.client }
	});
}

function parseUser(value: unknown): Result<ExportManifest['user']> {
	if (!isRecord(value)) {
		return err('invalid-input', 'manifest.json: "user" is missing.');
	}
	const id = str(value, 'id', MAX_ID_LENGTH);
	const name = str(value, 'name', MAX_NAME_LENGTH);
	const email = str(value, 'email', MAX_EMAIL_LENGTH);
	const role = value.role;
	if (!id || !name || !email || (role !== 'coach' && role !== 'client')) {
		return err('invalid-input', 'manifest.json: "user" needs an id, name, email and role.');
	}
	return ok({ id, name, email, role });
}

function parsePractice(value: unknown): Result<ManifestPractice | null> {
	if (value === undefined || value === null) {
		return ok(null);
	}
	const problem = err<ManifestPractice | null>(
		'invalid-input',
		`manifest.json: "practice" needs "packages" (a list of at most ${MAX_PACKAGES} packages) and "availability" (an object or null).`
	);
	if (!isRecord(value) || !Array.isArray(value.packages)) {
		return problem;
	}
	const availability = value.availability ?? null;
	if (
		value.packages.length > MAX_PACKAGES ||
		!value.packages.every(isRecord) ||
		(availability !== null && !isRecord(availability))
	) {
		return problem;
	}
	return ok({ packages: value.packages, availability });
}

/** Checks the header fields; the rest of the manifest is only read once these match. */
function checkFormat(value: unknown): Result<Fields> {
	if (!isRecord(value) || value.format !== 'tandem-export') {
		return err(
			'invalid-input',
			'This file is not a Tandem export (manifest.json is missing its format).'
		);
	}
	if (!READABLE_VERSIONS.includes(value.version)) {
		return err(
			'invalid-input',
			`This export has format version ${String(value.version)}; this server reads versions 1 and 2.`
		);
	}
	return ok(value);
}

/** Validates a parsed manifest.json: shape, sizes and every document path it names. */
export function parseManifest(value: unknown): Result<ExportManifest> {
	const header = checkFormat(value);
	if (!header.ok) {
		return header;
	}
	const fields = header.value;
	const user = parseUser(fields.user);
	if (!user.ok) {
		return user;
	}
	const coachDoc = fields.coachDoc ?? null;
	if (coachDoc !== null && (typeof coachDoc !== 'string' || !docPath('coach', coachDoc))) {
		return err('invalid-input', 'manifest.json: "coachDoc" must be "coach.yjs" or null.');
	}
	if (!Array.isArray(fields.engagements) || fields.engagements.length > MAX_ENGAGEMENTS) {
		return err(
			'invalid-input',
			`manifest.json: "engagements" must be a list of at most ${MAX_ENGAGEMENTS}.`
		);
	}
	const engagements: ManifestEngagement[] = [];
	for (const [index, entry] of fields.engagements.entries()) {
		const parsed = parseEngagement(entry, index);
		if (!parsed.ok) {
			return parsed;
		}
		// Older manifests may leave the coach out of an engagement: it is the exporting user.
		const coach = parsed.value.sourceIds.coach ?? user.value.id;
		engagements.push({ ...parsed.value, sourceIds: { ...parsed.value.sourceIds, coach } });
	}
	if (new Set(engagements.map((e) => e.id)).size !== engagements.length) {
		return err('invalid-input', 'manifest.json: two engagements have the same id.');
	}
	const practice = parsePractice(fields.practice);
	if (!practice.ok) {
		return practice;
	}
	return ok({ user: user.value, coachDoc, engagements, practice: practice.value });
}
