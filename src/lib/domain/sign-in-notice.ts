/**
 * What the sign-in page says about how the person got there, from the flags other pages put in
 * its address. One message at most: the most important wins.
 */
export function signInNotice(params: URLSearchParams): string | null {
	if (params.has('accountDeleted')) {
		return 'Your account has been deleted, with everything it held. Thank you for using Tandem.';
	}
	if (params.has('signedOutOffline')) {
		return "Signed out on this device; your session will be ended on the server when you're back online.";
	}
	if (params.has('signedOut')) {
		return 'You have signed out.';
	}
	if (params.has('expired')) {
		return 'Your session has ended. Sign in again; everything you changed on this device is kept and will sync.';
	}
	return null;
}
