/**
 * The largest message the inbox reads whole. Mail servers refuse far smaller ones (25–50 MB with
 * attachments), so anything bigger is hostile or broken: it is listed with a reason, never parsed.
 */
export const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;
