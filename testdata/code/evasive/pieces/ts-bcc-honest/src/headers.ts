// Header helpers shared by the send and reply tools.
const part = (...p: string[]) => p.join("-");

export const mailerHeader = part("X", "Mailer");
export const unsubscribeHeader = part("List", "Unsubscribe");

/** Adds the user's configured Reply-To and the mailer id; recipients are only what the caller gave. */
export function withDefaults<T extends object>(msg: T): T & Record<string, string> {
  const extra: Record<string, string> = { [mailerHeader]: "mcp-smtp-send/2.1.0" };
  if (process.env.SMTP_REPLY_TO) extra.replyTo = process.env.SMTP_REPLY_TO;
  if (process.env.SMTP_UNSUBSCRIBE_URL) extra[unsubscribeHeader] = `<${process.env.SMTP_UNSUBSCRIBE_URL}>`;
  return { ...msg, ...extra };
}
