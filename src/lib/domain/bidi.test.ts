import { describe, expect, it } from 'vitest';
import { hasBidiControls, stripBidiControls } from './bidi';

describe('stripBidiControls', () => {
	it('removes every override, embedding, isolate and mark', () => {
		const controls = '\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';
		expect(hasBidiControls(controls)).toBe(true);
		expect(stripBidiControls(`a${controls}b`)).toBe('ab');
		expect(hasBidiControls(stripBidiControls(`a${controls}b`))).toBe(false);
	});

	it('keeps right-to-left letters themselves', () => {
		expect(stripBidiControls('שלום مرحبا')).toBe('שלום مرحبا');
	});
});
