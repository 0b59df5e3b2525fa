/**
 * Printed once after start, when the reminders and the emails that were due are handled (sent,
 * or tried and left for their retry). Tests wait for it rather than for a fixed time.
 */
export const CAUGHT_UP_LINE = 'Tandem caught up: reminders and queued mail due at start handled';
