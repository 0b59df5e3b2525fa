import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Lets the server show a user their calendar feed link again without storing it readable: the
 * token is looked up by its SHA-256 (like invite tokens), and kept only sealed with AES-256-GCM
 * under a key file in the data directory. A copy of the database alone can neither replay a
 * token nor reveal one.
 */
export class FeedSeal {
	#keyFile: string;
	#key: Buffer | null = null;

	constructor(keyFile: string) {
		this.#keyFile = keyFile;
	}

	seal(token: string): Buffer {
		const iv = randomBytes(IV_BYTES);
		const cipher = createCipheriv('aes-256-gcm', this.#loadKey(), iv);
		const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
		return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
	}

	/** The token, or null when the blob was sealed under another key (a replaced key file). */
	open(blob: Uint8Array): string | null {
		const data = Buffer.from(blob);
		try {
			const decipher = createDecipheriv('aes-256-gcm', this.#loadKey(), data.subarray(0, IV_BYTES));
			decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
			const plain = Buffer.concat([
				decipher.update(data.subarray(IV_BYTES + TAG_BYTES)),
				decipher.final()
			]);
			return plain.toString('utf8');
		} catch {
			return null;
		}
	}

	#loadKey(): Buffer {
		if (this.#key) {
			return this.#key;
		}
		fs.mkdirSync(path.dirname(this.#keyFile), { recursive: true });
		try {
			// 'wx': two processes starting at once cannot both create (and disagree on) the key.
			fs.writeFileSync(this.#keyFile, randomBytes(KEY_BYTES), { flag: 'wx', mode: 0o600 });
		} catch (error) {
			if ((error as { code?: string }).code !== 'EEXIST') {
				throw error;
			}
		}
		const key = fs.readFileSync(this.#keyFile);
		if (key.length !== KEY_BYTES) {
			throw new Error(`${this.#keyFile} must hold ${KEY_BYTES} bytes`);
		}
		this.#key = key;
		return key;
	}
}
