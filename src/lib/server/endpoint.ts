/**
 * The one way to write a JSON endpoint: say who may call it and what the body (and query) must
 * look like; the helper checks the role, reads and parses the input with the shared schema, and
 * maps every failure to the one error shape. The handler gets typed input and returns a Response
 * or a Failure (errors are data, mapped in errors.ts).
 *
 *   export const POST = endpoint({
 *     role: 'coach',
 *     body: packageInputSchema,
 *     handle: async ({ caller, input, services }) =>
 *       sendResult(await services.packages.create(caller.user, input), (p) => ({ package: p }), 201)
 *   });
 */

import { json, type RequestEvent } from '@sveltejs/kit';
import type * as v from 'valibot';
import type { PublicUser } from '../domain/account';
import type { FieldErrors } from '../domain/field-errors';
import { parseWith, queryObject } from '../api/parse';
import type { Session } from './auth/session-store';
import { errorResponse, failure, type Failure, type Result } from './errors';
import { invalid } from './parse-input';
import { readJson } from './http';
import { useServices, type Services } from './services';

export type Role = 'public' | 'user' | 'coach' | 'client';

export interface Caller {
	readonly user: PublicUser;
	readonly session: Session;
}

type CallerFor<R extends Role> = R extends 'public' ? Caller | null : Caller;

type Handled = Response | Failure;

export interface EndpointContext<R extends Role, B, Q> {
	readonly caller: CallerFor<R>;
	/** The parsed body (undefined when the endpoint declares no body schema). */
	readonly input: B;
	/** The parsed query string (undefined when the endpoint declares no query schema). */
	readonly query: Q;
	readonly event: RequestEvent;
	readonly services: Services;
}

type Out<S> = S extends v.GenericSchema ? v.InferOutput<S> : undefined;

export interface EndpointSpec<
	R extends Role,
	BS extends v.GenericSchema | undefined,
	QS extends v.GenericSchema | undefined
> {
	role: R;
	body?: BS;
	query?: QS;
	/** Largest accepted body; the default suits forms (see http.ts). */
	maxBytes?: number;
	/**
	 * What a request with no body (`content-length: 0`) stands for, e.g. `{}` when every field
	 * is optional; without it such a request is refused as empty.
	 */
	emptyBody?: unknown;
	/** Domain rules on the parsed body: any field message refuses it with 400 and `fields`. */
	rules?: (input: Out<BS>) => FieldErrors;
	handle: (context: EndpointContext<R, Out<BS>, Out<QS>>) => Promise<Handled> | Handled;
}

function callerFor(role: Role, locals: App.Locals): Caller | null | Failure {
	const caller =
		locals.user && locals.session ? { user: locals.user, session: locals.session } : null;
	if (role === 'public') {
		return caller;
	}
	if (!caller) {
		return failure('unauthenticated', 'Not signed in.');
	}
	if (role === 'coach' && caller.user.role !== 'coach') {
		return failure('forbidden', 'Only coaches can do this.');
	}
	if (role === 'client' && caller.user.role !== 'client') {
		return failure('forbidden', 'Only clients can do this.');
	}
	return caller;
}

async function inputFor(
	spec: { body?: v.GenericSchema; maxBytes?: number; emptyBody?: unknown },
	event: RequestEvent
): Promise<{ ok: true; value: unknown } | { ok: false; error: Failure }> {
	const schema = spec.body;
	if (!schema) {
		return { ok: true, value: undefined };
	}
	const empty = spec.emptyBody !== undefined && event.request.headers.get('content-length') === '0';
	const body = empty
		? { ok: true as const, value: spec.emptyBody }
		: await readJson(event.request, spec.maxBytes);
	if (!body.ok) {
		return body;
	}
	const parsed = parseWith(schema, body.value);
	return parsed.ok ? parsed : { ok: false, error: invalid(parsed.message, parsed.fields) };
}

function isFailure(value: unknown): value is Failure {
	return (
		!(value instanceof Response) && typeof value === 'object' && value !== null && 'code' in value
	);
}

export function endpoint<
	R extends Role,
	BS extends v.GenericSchema | undefined = undefined,
	QS extends v.GenericSchema | undefined = undefined
>(spec: EndpointSpec<R, BS, QS>): (event: RequestEvent) => Promise<Response> {
	return async (event) => {
		const caller = callerFor(spec.role, event.locals);
		if (isFailure(caller)) {
			return errorResponse(caller);
		}
		let query: unknown = undefined;
		if (spec.query) {
			const parsed = parseWith(spec.query, queryObject(event.url.searchParams));
			if (!parsed.ok) {
				return errorResponse(invalid(parsed.message, parsed.fields));
			}
			query = parsed.value;
		}
		const input = await inputFor(spec, event);
		if (!input.ok) {
			return errorResponse(input.error);
		}
		const broken = spec.rules?.(input.value as Out<BS>) ?? {};
		const [firstProblem] = Object.values(broken).filter((m): m is string => Boolean(m));
		if (firstProblem !== undefined) {
			return errorResponse(invalid(firstProblem, broken));
		}
		const handled = await spec.handle({
			caller: caller as CallerFor<R>,
			input: input.value as Out<BS>,
			query: query as Out<QS>,
			event,
			services: useServices()
		});
		return handled instanceof Response ? handled : errorResponse(handled);
	};
}

/** A service's Result (or its promise) as a response: the mapped value as JSON with `status`, or its failure. */
export async function sendResult<T>(
	result: Result<T> | Promise<Result<T>>,
	toBody: (value: T) => unknown,
	status = 200
): Promise<Response | Failure> {
	const settled = await result;
	return settled.ok ? json(toBody(settled.value), { status }) : settled.error;
}
