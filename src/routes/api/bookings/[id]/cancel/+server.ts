import { bookingChange } from '../booking-change';
import type { RequestHandler } from './$types';

/** Cancels a booking (`{ "reason"? }`); clients only until the coach's notice period. */
export const POST: RequestHandler = bookingChange('cancel');
