// The invitation e-mail: the one-time link to the invited address, in the inviting admin's
// language (the invitee has none yet), through the outbox like every other message.
import { settingLocale } from "~/i18n/locale";
import { invitationMail } from "~/mail/templates";
import type { Role } from "@db/schema";
import { hashToken } from "./api-tokens.server";
import { portalUrl } from "./notifications.server";
import { enqueueMessage } from "./outbox.server";
import { getUser } from "./users.server";

export function mailInvitation(input: {
  token: string;
  email: string;
  role: Role;
  invitedBy: number;
}): void {
  const inviter = getUser(input.invitedBy);
  const locale = settingLocale(inviter?.locale) ?? "es";
  enqueueMessage({
    key: `invitation:${hashToken(input.token).slice(0, 32)}`,
    userId: null,
    to: input.email,
    kind: "invitation",
    locale,
    link: "/invite",
    ...invitationMail(locale, {
      inviter: inviter?.name || inviter?.email || "tierpool",
      role: input.role,
      url: portalUrl(`/invite/${input.token}`),
    }),
  });
}
