import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";
import { currentActor } from "~/auth/authorize.server";
import { LocaleProvider } from "~/i18n/context";
import { pickLocale, translate, type Locale } from "~/i18n/locale";
import { AppShell } from "~/components/layout/AppShell";
import { useNonce } from "~/components/layout/nonce";
import styles from "~/styles.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await currentActor(request);
  const locale = pickLocale(actor?.locale, request.headers.get("Accept-Language"));
  return {
    locale,
    user: actor && { name: actor.name, email: actor.email, role: actor.role },
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = data?.locale ?? "es";
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <LocaleProvider value={locale}>{children}</LocaleProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { user } = useLoaderData<typeof loader>();
  // Marks the page as live (hydrated), for the browser tests to wait on before clicking.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <AppShell user={user}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = data?.locale ?? "es";
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    status === 403
      ? translate(locale, "error.forbidden")
      : status === 404
        ? translate(locale, "error.notFound")
        : isRouteErrorResponse(error) && typeof error.data === "string"
          ? error.data
          : translate(locale, "error.generic");
  return (
    <main className="page error-page">
      <h1>{status}</h1>
      <p role="alert">{message}</p>
      <a href="/">tierpool</a>
    </main>
  );
}
