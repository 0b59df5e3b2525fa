import { linkEmail as message, oneLine } from '../mail/link-email';
import type { MailMessage } from '../mail/mailer';

/** The single-use link that sets a new password. */
export function resetPasswordEmail(input: { to: string; name: string; link: string }): MailMessage {
	return message(
		input.to,
		'Reset your Tandem password',
		[
			`Hi ${oneLine(input.name)},`,
			'Someone (hopefully you) asked to reset the password of your Tandem account. Open this link to choose a new one. It works once, for 1 hour, and signs out your other devices.',
			'If you did not ask, ignore this email: your password stays as it is.'
		],
		input.link
	);
}

/** After a reset or a change: the owner hears of it, in case it was not them. */
export function passwordChangedEmail(input: {
	to: string;
	name: string;
	forgotLink: string;
}): MailMessage {
	return message(
		input.to,
		'Your Tandem password was changed',
		[
			`Hi ${oneLine(input.name)},`,
			'The password of your Tandem account was just changed, and your other devices were signed out.',
			'If this was not you, reset your password now:'
		],
		input.forgotLink
	);
}

/** A sign-in from a browser the account had not used before. */
export function newDeviceEmail(input: {
	to: string;
	name: string;
	device: string;
	at: Date;
	forgotLink: string;
}): MailMessage {
	const when = input.at.toISOString().replace('T', ' ').slice(0, 16);
	return message(
		input.to,
		'New sign-in to your Tandem account',
		[
			`Hi ${oneLine(input.name)},`,
			`Your Tandem account was signed in from a new device: ${oneLine(input.device)}, on ${when} UTC.`,
			'If this was you, there is nothing to do. You can see and sign out your devices in Settings.',
			'If it was not you, reset your password now (this signs out every device):'
		],
		input.forgotLink
	);
}

/** To the new address: the link that moves the account to it. */
export function confirmNewEmailEmail(input: {
	to: string;
	name: string;
	link: string;
}): MailMessage {
	return message(
		input.to,
		'Confirm your new email for Tandem',
		[
			`Hi ${oneLine(input.name)},`,
			'Open this link to make this address the email of your Tandem account. It works once, for 24 hours.',
			'If you did not ask for this, ignore this email: nothing changes.'
		],
		input.link
	);
}

/** To the old address, once the change is confirmed. */
export function emailChangedEmail(input: {
	to: string;
	name: string;
	newEmail: string;
	forgotLink: string;
}): MailMessage {
	return message(
		input.to,
		'The email of your Tandem account was changed',
		[
			`Hi ${oneLine(input.name)},`,
			`The email of your Tandem account was changed to ${oneLine(input.newEmail)}. You now sign in with that address; emails go there.`,
			'If this was not you, reply to this email at once, and reset the password from the new address if you can:'
		],
		input.forgotLink
	);
}
