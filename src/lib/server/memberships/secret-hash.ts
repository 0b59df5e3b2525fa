import { sha256 } from '@oslojs/crypto/sha2';

/**
 * Invite links and sync tokens are bearer secrets: the database keeps only SHA-256 of them, so a
 * leaked backup cannot be replayed. Unsalted on purpose: the secrets are 256 random bits, and the
 * hash must be deterministic to look a presented token up by it.
 */
export function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}
