import { afterEach, describe, expect, it } from 'vitest';
import {
	connectClient,
	startTestServer,
	text,
	waitFor,
	type TestClient,
	type TestServer
} from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const fn of cleanups.splice(0).reverse()) {
		await fn();
	}
});

async function server(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
	const s = await startTestServer(options);
	cleanups.push(() => s.close());
	return s;
}

function client(...args: Parameters<typeof connectClient>): TestClient {
	const c = connectClient(...args);
	cleanups.push(() => c.destroy());
	return c;
}

describe('sync server with the stock y-websocket client', () => {
	it('two clients converge', async () => {
		const s = await server();
		const a = client(s.url, 'doc-a', 'alice');
		const b = client(s.url, 'doc-a', 'bob');
		await Promise.all([a.synced(), b.synced()]);
		a.doc.getText('text').insert(0, 'hello ');
		b.doc.getText('text').insert(0, 'world');
		await waitFor(() => text(a.doc).length === 11 && text(a.doc) === text(b.doc));
		expect(text(a.doc)).toContain('hello');
	});
});
