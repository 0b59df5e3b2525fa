import { linkEmail as message, oneLine } from '../mail/link-email';
import type { MailMessage } from '../mail/mailer';

/** To a new address: the link that creates the account. */
export function confirmSignupEmail(input: { to: string; name: string; link: string }): MailMessage {
	return message(
		input.to,
		'Confirm your email to create your Tandem account',
		[
			`Hi ${oneLine(input.name)},`,
			'Open this link to confirm your email and create your Tandem coach account. It works once, for 24 hours.',
			'If you did not sign up, ignore this email: no account is created.'
		],
		input.link
	);
}

/** To an address that already has an account: someone (maybe its owner) tried to sign up with it. */
export function signupExistingEmail(input: {
	to: string;
	name: string;
	signInLink: string;
}): MailMessage {
	return message(
		input.to,
		'Someone tried to sign up to Tandem with your email',
		[
			`Hi ${oneLine(input.name)},`,
			'Someone tried to create a Tandem account with this email address, which already has an account. No new account was created and nothing changed in yours.',
			'If it was you, sign in instead:'
		],
		input.signInLink
	);
}
