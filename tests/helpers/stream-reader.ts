/** Reads the stream's text as it arrives; `until` resolves once the text matches. */
export function streamReader(stream: ReadableStream<Uint8Array>) {
	const decoder = new TextDecoder();
	const source = stream.getReader();
	let text = '';
	let ended = false;
	const pump = (async () => {
		for (;;) {
			const { value, done } = await source.read();
			if (done) {
				ended = true;
				return;
			}
			text += decoder.decode(value);
		}
	})();
	return {
		get text() {
			return text;
		},
		get ended() {
			return ended;
		},
		pump,
		async until(pattern: RegExp) {
			while (!pattern.test(text)) {
				if (ended) {
					throw new Error(`stream ended without ${pattern}: ${text}`);
				}
				await new Promise((resolve) => setTimeout(resolve, 5));
			}
		},
		cancel: () => source.cancel()
	};
}
