import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/** A checkout session as the fake keeps it; the fields Tandem reads, in Stripe's names. */
export interface FakeSession {
	id: string;
	object: 'checkout.session';
	url: string;
	status: 'open' | 'complete' | 'expired';
	payment_status: 'paid' | 'unpaid';
	amount_total: number;
	currency: string;
	customer_email: string | null;
	client_reference_id: string | null;
	metadata: Record<string, string>;
	payment_intent: string | null;
	success_url: string;
	cancel_url: string;
}

export interface FakeStripe {
	/** Base URL for STRIPE_API_URL. */
	readonly url: string;
	readonly secretKey: string;
	readonly webhookSecret: string;
	/** Where events go; set once the app server is up (its URL changes on restart). */
	webhookUrl: string | null;
	readonly sessions: Map<string, FakeSession>;
	/** Refunds made, in order (payment_intent, amount). */
	readonly refunds: { id: string; payment_intent: string; amount: number }[];
	/** Every event the fake built, in order, so tests can replay or reorder them. */
	readonly events: string[];
	/** Builds a signed-ready event about a session (payload JSON). */
	event(type: string, session: FakeSession, id?: string): string;
	/** Posts a payload to the webhook, signed with the real scheme unless told otherwise. */
	deliver(payload: string, options?: { signature?: string | null }): Promise<Response>;
	sign(payload: string, secret?: string): string;
	close(): Promise<void>;
}

let counter = 0;
const nextId = (prefix: string) =>
	`${prefix}_test_${Date.now().toString(36)}${(++counter).toString(36)}`;

/** Stripe's form encoding (`a[b][0][c]=v`) read back as flat keys. */
function formField(form: URLSearchParams, key: string): string | null {
	return form.get(key);
}

function metadataOf(form: URLSearchParams): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of form) {
		const match = /^metadata\[(.+)\]$/.exec(key);
		if (match?.[1]) {
			out[match[1]] = value;
		}
	}
	return out;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
	let body = '';
	for await (const chunk of req) {
		body += String(chunk);
	}
	return body;
}

const escapeHtml = (s: string) =>
	s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/**
 * A local stand-in for the parts of Stripe Tandem uses: POST /v1/checkout/sessions (with
 * Idempotency-Key), a hosted checkout page at /pay/<id> whose button "pays", and webhook
 * delivery signed exactly like Stripe (t=<unix>,v1=HMAC-SHA256(`${t}.${payload}`)).
 */
export async function startFakeStripe(): Promise<FakeStripe> {
	const signer = new Stripe('sk_test_signer');
	const sessions = new Map<string, FakeSession>();
	const byIdempotencyKey = new Map<string, FakeSession>();
	const events: string[] = [];
	const refunds: FakeStripe['refunds'] = [];
	const refundsByKey = new Map<string, FakeStripe['refunds'][number]>();
	let base = '';

	const fake: FakeStripe = {
		get url() {
			return base;
		},
		secretKey: 'sk_test_fake',
		webhookSecret: 'whsec_fake_secret',
		webhookUrl: null,
		sessions,
		refunds,
		events,
		event(type, session, id = nextId('evt')) {
			const payload = JSON.stringify({
				id,
				object: 'event',
				type,
				api_version: '2025-01-01',
				created: Math.floor(Date.now() / 1000),
				data: { object: session }
			});
			events.push(payload);
			return payload;
		},
		sign(payload, secret = fake.webhookSecret) {
			return signer.webhooks.generateTestHeaderString({ payload, secret });
		},
		async deliver(payload, options = {}) {
			if (!fake.webhookUrl) {
				throw new Error('fake Stripe: set webhookUrl before delivering events');
			}
			const signature = options.signature === undefined ? fake.sign(payload) : options.signature;
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			if (signature !== null) {
				headers['stripe-signature'] = signature;
			}
			return fetch(fake.webhookUrl, { method: 'POST', headers, body: payload });
		},
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};

	function createSession(form: URLSearchParams, idempotencyKey: string | undefined): FakeSession {
		const known = idempotencyKey ? byIdempotencyKey.get(idempotencyKey) : undefined;
		if (known) {
			return known;
		}
		const id = nextId('cs');
		const session: FakeSession = {
			id,
			object: 'checkout.session',
			url: `${base}/pay/${id}`,
			status: 'open',
			payment_status: 'unpaid',
			amount_total: Number(formField(form, 'line_items[0][price_data][unit_amount]')),
			currency: formField(form, 'line_items[0][price_data][currency]') ?? '',
			customer_email: formField(form, 'customer_email'),
			client_reference_id: formField(form, 'client_reference_id'),
			metadata: metadataOf(form),
			payment_intent: null,
			success_url: formField(form, 'success_url') ?? '',
			cancel_url: formField(form, 'cancel_url') ?? ''
		};
		sessions.set(id, session);
		if (idempotencyKey) {
			byIdempotencyKey.set(idempotencyKey, session);
		}
		return session;
	}

	/** A refund of a paid session's PaymentIntent, once per Idempotency-Key, never above what was paid. */
	function createRefund(form: URLSearchParams, key: string): FakeStripe['refunds'][number] | null {
		const known = refundsByKey.get(key);
		if (known) {
			return known;
		}
		const paymentIntent = form.get('payment_intent') ?? '';
		const amount = Number(form.get('amount'));
		const session = [...sessions.values()].find((s) => s.payment_intent === paymentIntent);
		const already = refunds
			.filter((r) => r.payment_intent === paymentIntent)
			.reduce((sum, r) => sum + r.amount, 0);
		if (!session || !(amount > 0) || already + amount > session.amount_total) {
			return null;
		}
		const refund = { id: nextId('re'), payment_intent: paymentIntent, amount };
		refunds.push(refund);
		refundsByKey.set(key, refund);
		return refund;
	}

	function payPage(session: FakeSession): string {
		const amount = (session.amount_total / 100).toFixed(2);
		return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Stripe Checkout</title></head>
<body><main><h1>Fake Stripe Checkout</h1>
<p>Pay ${escapeHtml(amount)} ${escapeHtml(session.currency.toUpperCase())} to ${escapeHtml(session.customer_email ?? '')}</p>
<form method="post" action="/pay/${escapeHtml(session.id)}"><button type="submit">Pay</button></form>
</main></body></html>`;
	}

	async function pay(session: FakeSession, res: http.ServerResponse): Promise<void> {
		session.status = 'complete';
		session.payment_status = 'paid';
		session.payment_intent = nextId('pi');
		const delivered = await fake.deliver(fake.event('checkout.session.completed', session));
		if (!delivered.ok) {
			res.writeHead(502, { 'content-type': 'text/plain' }).end(`webhook got ${delivered.status}`);
			return;
		}
		res.writeHead(303, { location: session.success_url }).end();
	}

	const server = http.createServer((req, res) => {
		void (async () => {
			const url = new URL(req.url ?? '/', base);
			const body = await readBody(req);
			if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
				if (req.headers.authorization !== `Bearer ${fake.secretKey}`) {
					res.writeHead(401, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'bad key' } }));
					return;
				}
				const key = req.headers['idempotency-key'];
				const session = createSession(
					new URLSearchParams(body),
					typeof key === 'string' ? key : undefined
				);
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(session));
				return;
			}
			if (req.method === 'POST' && url.pathname === '/v1/refunds') {
				const key = req.headers['idempotency-key'];
				const refund = createRefund(new URLSearchParams(body), typeof key === 'string' ? key : '');
				res.writeHead(refund ? 200 : 400, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify(
						refund
							? { ...refund, object: 'refund', status: 'succeeded' }
							: { error: { type: 'invalid_request_error', message: 'no such payment' } }
					)
				);
				return;
			}
			const pay_ = /^\/pay\/([\w-]+)$/.exec(url.pathname);
			const session = pay_?.[1] ? sessions.get(pay_[1]) : undefined;
			if (session && req.method === 'GET') {
				res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(payPage(session));
				return;
			}
			if (session && req.method === 'POST') {
				await pay(session, res);
				return;
			}
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'not found' } }));
		})().catch((error: unknown) => {
			res.writeHead(500).end(String(error));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return fake;
}
