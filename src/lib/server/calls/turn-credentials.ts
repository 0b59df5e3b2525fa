import { createHmac } from 'node:crypto';
import type { IceServer } from '../../api/calls';

// Long enough for any session plus a reconnect; coturn checks the expiry on every allocation.
export const TURN_CREDENTIAL_TTL_SECONDS = 24 * 60 * 60;

const isTurn = (url: string) => url.startsWith('turn:') || url.startsWith('turns:');

/**
 * Time-limited TURN credentials as coturn checks them under `use-auth-secret`
 * (draft-uberti-behave-turn-rest): username `<unix expiry>:<user id>`, credential
 * base64(HMAC-SHA1(secret, username)). Minted per issued peer id, so a credential copied out of
 * a browser stops working within a day and coturn's logs say whose it was. Entries that carry
 * their own username/credential (long-term credentials) are passed through unchanged.
 */
export function withTurnCredentials(
	servers: IceServer[],
	options: { secret: string | undefined; userId: string; now: number }
): IceServer[] {
	const { secret } = options;
	if (!secret) {
		return servers;
	}
	const expiry = Math.floor(options.now / 1000) + TURN_CREDENTIAL_TTL_SECONDS;
	const username = `${expiry}:${options.userId}`;
	const credential = createHmac('sha1', secret).update(username).digest('base64');
	return servers.map((server) => {
		const urls = Array.isArray(server.urls) ? server.urls : [server.urls];
		const needsCredentials =
			urls.some(isTurn) && server.username === undefined && server.credential === undefined;
		return needsCredentials ? { ...server, username, credential } : server;
	});
}
