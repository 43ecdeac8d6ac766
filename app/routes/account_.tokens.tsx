// Every user's own API tokens (/account/tokens): list with expiry and last use, create, revoke.
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { tokensPageAction, tokensPageLoader } from "~/auth/tokens.server";
import { TokensScreen } from "~/components/tokens/TokensScreen";
import reportStyles from "~/styles/reports.css?url";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.tokens");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

const ROLES = ["admin", "supplier", "member"] as const;

export const loader = (args: LoaderFunctionArgs) => tokensPageLoader(args, ROLES);
export const action = (args: ActionFunctionArgs) => tokensPageAction(args, ROLES);

export default function AccountTokens() {
  return (
    <TokensScreen
      data={useLoaderData<typeof loader>()}
      intro="tokens.intro"
      exportPath="/account/tokens/export"
    />
  );
}
