// @ts-check
// Plain JavaScript: the import worker thread reads it too (it starts without the TypeScript loader).

/**
 * A path inside the zip we are willing to read: relative, forward slashes, no `.`/`..`
 * segments, no control characters. The zip is untrusted input, and although entries only
 * ever become map keys here (nothing is written to disk), refusing odd names early keeps a
 * crafted archive from pointing a document at a file it did not mean.
 * @param {string} path
 */
export function safeZipPath(path) {
	if (path.length === 0 || path.length > 512 || path.startsWith('/') || path.includes('\\')) {
		return false;
	}
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(path)) {
		return false;
	}
	return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
