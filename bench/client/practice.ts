import fs from 'node:fs';
import { freePort } from '../../tests/fixtures/own-server';
import { HttpClient } from '../../tests/helpers/http-client';
import { makeDataDir, spawnServer, type RunningServer } from '../../tests/helpers/spawn-server';

export const PASSWORD = 'correct-horse-9';
export const COACH = { name: 'Carla Coach', email: 'carla@example.com' };
const CLIENT = { name: 'Cody Client', email: 'cody@example.com' };

/** The real server on a fixed port, so the origin (and its service worker) outlives a stop. */
export interface BenchServer {
	readonly url: string;
	readonly dataDir: string;
	readonly running: RunningServer | null;
	stop(): Promise<void>;
}

export async function startServer(buildDir: string): Promise<BenchServer> {
	const port = await freePort();
	const dataDir = makeDataDir('tandem-client-bench-');
	let running: RunningServer | null = await spawnServer({
		dataDir,
		env: { PORT: String(port), BUILD_DIR: buildDir }
	}).catch((error: unknown) => {
		fs.rmSync(dataDir, { recursive: true, force: true });
		throw error;
	});
	return {
		url: `http://127.0.0.1:${port}`,
		dataDir,
		get running() {
			return running;
		},
		async stop() {
			await running?.stop();
			running = null;
		}
	};
}

export interface Practice {
	coach: HttpClient;
	coachId: string;
	clientId: string;
	engagementId: string;
}

async function postOk(http: HttpClient, path: string, body: unknown) {
	const response = await http.post(path, body);
	if (response.status >= 300) {
		throw new Error(`${path}: ${response.status} ${await response.text()}`);
	}
	return (await response.json()) as { user?: { id: string }; engagementId?: string };
}

async function printedToken(server: RunningServer, pattern: RegExp, what: string): Promise<string> {
	// Without SMTP_URL emails land in the outbox and their links are printed on the console.
	for (let tries = 0; tries < 100; tries += 1) {
		const token = pattern.exec(server.output())?.[1];
		if (token) {
			return token;
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`the ${what} link never appeared in the server output`);
}

const inviteLink = (server: RunningServer) =>
	printedToken(server, /\/invite\/([a-z0-9]+)/, 'invitation');

/** A coach and a client who accepted the coach's invitation, through the real API. */
export async function createPractice(server: BenchServer): Promise<Practice> {
	if (!server.running) {
		throw new Error('the server is stopped');
	}
	const coach = new HttpClient(server.url);
	await postOk(coach, '/api/auth/signup', { ...COACH, password: PASSWORD });
	const confirmation = await printedToken(
		server.running,
		/\/signup\/confirm\/([a-z0-9]+)/,
		'sign-up confirmation'
	);
	const signup = await postOk(coach, '/api/auth/signup/confirm', { token: confirmation });
	await postOk(coach, '/api/invites', CLIENT);
	const token = await inviteLink(server.running);
	const client = new HttpClient(server.url);
	const accepted = await postOk(client, `/api/invites/${token}/accept`, { password: PASSWORD });
	if (!signup.user || !accepted.user || !accepted.engagementId) {
		throw new Error('signup or acceptance answered without ids');
	}
	return {
		coach,
		coachId: signup.user.id,
		clientId: accepted.user.id,
		engagementId: accepted.engagementId
	};
}
