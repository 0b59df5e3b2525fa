import { bookingChange } from '../booking-change';
import type { RequestHandler } from './$types';

/** Moves a booking (`{ "startsAt" }`, same UID, SEQUENCE + 1); clients only until the notice period. */
export const POST: RequestHandler = bookingChange('reschedule');
