import path from 'node:path';
import type { IceServer } from '../api/calls';
import { parseIceServers } from './calls/ice-servers';

/** Everything the server reads from its environment, parsed once at start. */
export interface ServerConfig {
	port: number;
	host: string;
	dataDir: string;
	/** Public origin (scheme://host[:port]); when unset, requests are checked against their own Host. */
	origin: string | undefined;
	smtpUrl: string | undefined;
	/** From address of outgoing mail (MAIL_FROM); SMTP providers often require a verified one. */
	mailFrom: string;
	/** The adapter-node output to serve (BUILD_DIR, default ./build). */
	buildDir: string;
	/** Largest websocket message the sync endpoint accepts, in bytes. */
	maxMessageBytes: number;
	/**
	 * SYNC_DURABILITY: what a relayed document change must survive. `crash` (default) relays once
	 * the change is in the WAL (the OS has it, so a killed process loses nothing; a power cut may
	 * lose the last moments, which every client that has them sends again when it reconnects, and
	 * the app's own database runs the same way); `power-loss` also waits for an fsync of the WAL.
	 */
	syncDurability: SyncDurability;
	/** Abuse bounds of the sync endpoint (issue 15); README "Sync server limits". */
	syncLimits: SyncLimits;
	/** STUN/TURN servers handed to callers (ICE_SERVERS, JSON); none by default. */
	iceServers: IceServer[];
	/** coturn's static-auth-secret (TURN_STATIC_AUTH_SECRET): mint TURN credentials per caller. */
	turnSecret: string | undefined;
	/** Stripe (docs/payments in the README); payments are manual when the secret key is unset. */
	stripe: StripeConfig;
}

export interface StripeConfig {
	/** STRIPE_SECRET_KEY of the practice's own Stripe account. */
	secretKey: string | undefined;
	/** STRIPE_WEBHOOK_SECRET (whsec_...) that signs the webhook events Stripe sends. */
	webhookSecret: string | undefined;
	/** STRIPE_API_URL: the base URL of the Stripe API, for a local fake in tests and staging. */
	apiUrl: URL | undefined;
}

function parseStripe(env: Env): StripeConfig {
	let apiUrl: URL | undefined;
	if (env.STRIPE_API_URL) {
		try {
			apiUrl = new URL(env.STRIPE_API_URL);
		} catch {
			throw new Error(
				`STRIPE_API_URL must be a URL such as http://127.0.0.1:12111, got "${env.STRIPE_API_URL}"`
			);
		}
		if (apiUrl.protocol !== 'http:' && apiUrl.protocol !== 'https:') {
			throw new Error(`STRIPE_API_URL must be an http(s) URL, got "${env.STRIPE_API_URL}"`);
		}
	}
	const secretKey = env.STRIPE_SECRET_KEY || undefined;
	const webhookSecret = env.STRIPE_WEBHOOK_SECRET || undefined;
	if (secretKey && !webhookSecret) {
		// Without it no webhook can be verified, so no payment would ever settle.
		throw new Error('STRIPE_WEBHOOK_SECRET must be set when STRIPE_SECRET_KEY is.');
	}
	return { secretKey, webhookSecret, apiUrl };
}

type Env = Record<string, string | undefined>;

export interface SyncLimits {
	/** SYNC_MAX_DOC_BYTES: a document's encoded size past which new content is refused. */
	maxDocBytes: number;
	/** SYNC_MAX_PRESENCE_BYTES: largest presence (awareness) state of one client. */
	maxPresenceBytes: number;
	/** SYNC_MAX_CONNECTIONS_PER_DOC: sockets one user may hold open on one document. */
	maxConnectionsPerUserPerDoc: number;
	/** SYNC_MESSAGES_PER_SECOND: sustained messages per socket; bursts of 10x are allowed. */
	messagesPerSecond: number;
}

function parseSyncLimits(env: Env): SyncLimits {
	return {
		maxDocBytes: parsePositiveInt('SYNC_MAX_DOC_BYTES', env.SYNC_MAX_DOC_BYTES, 20 * 1024 * 1024),
		maxPresenceBytes: parsePositiveInt(
			'SYNC_MAX_PRESENCE_BYTES',
			env.SYNC_MAX_PRESENCE_BYTES,
			16 * 1024
		),
		maxConnectionsPerUserPerDoc: parsePositiveInt(
			'SYNC_MAX_CONNECTIONS_PER_DOC',
			env.SYNC_MAX_CONNECTIONS_PER_DOC,
			20
		),
		messagesPerSecond: parsePositiveInt(
			'SYNC_MESSAGES_PER_SECOND',
			env.SYNC_MESSAGES_PER_SECOND,
			200
		)
	};
}

export type SyncDurability = 'power-loss' | 'crash';

function parseSyncDurability(value: string | undefined): SyncDurability {
	if (value === undefined || value === '' || value === 'crash') {
		return 'crash';
	}
	if (value === 'power-loss') {
		return 'power-loss';
	}
	throw new Error(`SYNC_DURABILITY must be "power-loss" or "crash", got "${value}"`);
}

function parsePort(value: string | undefined, fallback: number): number {
	if (value === undefined || value === '') {
		return fallback;
	}
	const port = Number(value);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`PORT must be an integer from 0 to 65535, got "${value}"`);
	}
	return port;
}

function parseOrigin(value: string | undefined): string | undefined {
	if (!value) {
		return undefined;
	}
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new Error(`ORIGIN must be a URL such as https://tandem.example.com, got "${value}"`);
	}
	return url.origin;
}

function parsePositiveInt(name: string, value: string | undefined, fallback: number): number {
	if (value === undefined || value === '') {
		return fallback;
	}
	const n = Number(value);
	if (!Number.isInteger(n) || n <= 0) {
		throw new Error(`${name} must be a positive integer, got "${value}"`);
	}
	return n;
}

export function loadConfig(env: Env = process.env): ServerConfig {
	return {
		port: parsePort(env.PORT, 3000),
		host: env.HOST || '0.0.0.0',
		dataDir: path.resolve(env.DATA_DIR || './data'),
		origin: parseOrigin(env.ORIGIN),
		smtpUrl: env.SMTP_URL || undefined,
		buildDir: env.BUILD_DIR || 'build',
		mailFrom: env.MAIL_FROM || 'Tandem <no-reply@localhost>',
		maxMessageBytes: parsePositiveInt(
			'SYNC_MAX_MESSAGE_BYTES',
			env.SYNC_MAX_MESSAGE_BYTES,
			2 * 1024 * 1024
		),
		syncDurability: parseSyncDurability(env.SYNC_DURABILITY),
		syncLimits: parseSyncLimits(env),
		iceServers: parseIceServers(env.ICE_SERVERS),
		turnSecret: env.TURN_STATIC_AUTH_SECRET || undefined,
		stripe: parseStripe(env)
	};
}
