import { err, ok, type Result } from '../errors';

/**
 * Reads a binary request body up to `maxBytes`, stopping as soon as it grows past that (a
 * declared Content-Length is checked first, but a chunked upload has none).
 */
export async function readBytes(request: Request, maxBytes: number): Promise<Result<Uint8Array>> {
	const tooLarge = () =>
		err<Uint8Array>(
			'payload-too-large',
			`The file is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB.`
		);
	if (Number(request.headers.get('content-length') ?? '0') > maxBytes) {
		return tooLarge();
	}
	if (!request.body) {
		return err('invalid-input', 'Send the export zip as the request body.');
	}
	const chunks: Uint8Array[] = [];
	let total = 0;
	const reader = request.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) {
			break;
		}
		total += value.byteLength;
		if (total > maxBytes) {
			await reader.cancel();
			return tooLarge();
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return total === 0 ? err('invalid-input', 'Send the export zip as the request body.') : ok(bytes);
}
