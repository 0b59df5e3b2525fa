import { json } from '@sveltejs/kit';
import type { PublicUser } from '../domain/account';
import { err, ok, type Result } from './errors';

// Auth and membership bodies are a few hundred bytes; anything near this is not a real client.
const MAX_JSON_BYTES = 64 * 1024;

/** Reads a JSON body, refusing oversized and malformed ones with a clear message. */
export async function readJson(
	request: Request,
	maxBytes = MAX_JSON_BYTES
): Promise<Result<unknown>> {
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > maxBytes) {
		return err('payload-too-large', `The request body is larger than ${maxBytes} bytes.`);
	}
	const text = await request.text();
	if (new TextEncoder().encode(text).byteLength > maxBytes) {
		return err('payload-too-large', `The request body is larger than ${maxBytes} bytes.`);
	}
	if (text.trim() === '') {
		return err('invalid-input', 'The request body is empty; send JSON.');
	}
	try {
		return ok(JSON.parse(text) as unknown);
	} catch {
		return err('invalid-input', 'The request body is not valid JSON.');
	}
}

export function userResponse(user: PublicUser, status = 200): Response {
	return json({ user }, { status });
}
