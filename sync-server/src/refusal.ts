/**
 * A client's message broke one of the server's limits or policies: the connection that sent it
 * is closed with `code` and `reason`, and nothing of that message is stored or relayed.
 */
export class Refusal extends Error {
	readonly code: number;
	readonly reason: string;

	constructor(code: number, reason: string) {
		super(reason);
		this.name = 'Refusal';
		this.code = code;
		this.reason = reason;
	}
}
