// The supplier's API tokens: the same screen as every role's /account/tokens, in the supplier's menu.
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

const ROLES = ["supplier"] as const;

export const loader = (args: LoaderFunctionArgs) => tokensPageLoader(args, ROLES);
export const action = (args: ActionFunctionArgs) => tokensPageAction(args, ROLES);

export default function SupplierTokens() {
  return (
    <TokensScreen
      data={useLoaderData<typeof loader>()}
      intro="reports.tokensIntro"
      exportPath="/supplier/tokens/export"
    />
  );
}
