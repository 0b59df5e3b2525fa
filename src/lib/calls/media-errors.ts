/**
 * Why the camera or microphone could not be used, as data. getUserMedia rejects with DOMExceptions
 * whose names are the only stable part; this is the one place that maps them to what we say.
 */
export type MediaProblem =
	/** The person (or a policy) refused access. */
	| 'permission-denied'
	/** No such device, or none matching the chosen one. */
	| 'no-device'
	/** The device exists but another app holds it, or the OS failed to start it. */
	| 'device-busy'
	/** No navigator.mediaDevices: an insecure origin or an old browser. */
	| 'unsupported'
	| 'unknown';

export type MediaDevice = 'camera' | 'microphone';

export function mediaProblemOf(error: unknown): MediaProblem {
	const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : null;
	switch (name) {
		case 'NotAllowedError':
		case 'SecurityError':
			return 'permission-denied';
		case 'NotFoundError':
		case 'OverconstrainedError':
			return 'no-device';
		case 'NotReadableError':
		case 'AbortError':
			return 'device-busy';
		case 'TypeError':
			return 'unsupported';
		default:
			return 'unknown';
	}
}

/** The sentence shown on the device check; `fallback` says what the person can still do. */
export function mediaProblemMessage(problem: MediaProblem, device: MediaDevice): string {
	const fallback =
		device === 'camera'
			? 'You can still join with audio only.'
			: 'You can still join to listen (the other person will not hear you).';
	switch (problem) {
		case 'permission-denied':
			return `Access to your ${device} was denied. Allow it in your browser's site settings and try again. ${fallback}`;
		case 'no-device':
			return `No ${device} was found. ${fallback}`;
		case 'device-busy':
			return `Your ${device} is in use by another app or could not start. ${fallback}`;
		case 'unsupported':
			return `This browser cannot use a ${device} here. ${fallback}`;
		default:
			return `Your ${device} could not be started. ${fallback}`;
	}
}
