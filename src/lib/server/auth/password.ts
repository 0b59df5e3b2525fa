import { hash, verify } from '@node-rs/argon2';

// OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane): ~30 ms here, slow enough to hurt
// offline guessing, fast enough that a login does not stall the event loop's other work.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		// A malformed stored hash is a failed check, never a crash of the login route.
		return false;
	}
}

// A real hash of a random password, verified against when the account does not exist so that
// "unknown email" and "wrong password" take the same time.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
	dummyHash ??= hashPassword(crypto.randomUUID());
	return dummyHash;
}
