import { describe, expect, it } from 'vitest';
import { mediaProblemMessage, mediaProblemOf } from './media-errors';

const domError = (name: string) => Object.assign(new Error(name), { name });

describe('mediaProblemOf', () => {
	it("maps getUserMedia's error names", () => {
		expect(mediaProblemOf(domError('NotAllowedError'))).toBe('permission-denied');
		expect(mediaProblemOf(domError('SecurityError'))).toBe('permission-denied');
		expect(mediaProblemOf(domError('NotFoundError'))).toBe('no-device');
		expect(mediaProblemOf(domError('OverconstrainedError'))).toBe('no-device');
		expect(mediaProblemOf(domError('NotReadableError'))).toBe('device-busy');
		expect(mediaProblemOf(new TypeError('no mediaDevices'))).toBe('unsupported');
		expect(mediaProblemOf('weird')).toBe('unknown');
		expect(mediaProblemOf(null)).toBe('unknown');
	});
});

describe('mediaProblemMessage', () => {
	it('says what happened and what the person can still do', () => {
		expect(mediaProblemMessage('permission-denied', 'camera')).toMatch(
			/camera was denied.*audio only/
		);
		expect(mediaProblemMessage('no-device', 'microphone')).toBe(
			'No microphone was found. You can still join to listen (the other person will not hear you).'
		);
	});
});
