import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
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
import { I18nProvider } from "~/i18n/context";
import { pickLocale, translate, type Locale } from "~/i18n/locale";
import { pickRegion, type Region } from "~/i18n/regions";
import { regionOfUser } from "~/models/reading-settings.server";
import { AppShell } from "~/components/layout/AppShell";
import { unreadCount } from "~/models/notifications.server";
import { useNonce } from "~/components/layout/nonce";
import styles from "~/styles.css?url";

/** The tab's icon, inline: without one the browser asks for /favicon.ico and logs its 404. */
const ICON =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0b6e4f"/><path d="M4 5h8M8 5v7" stroke="#fff" stroke-width="2"/></svg>',
  );

export const links: LinksFunction = () => [
  { rel: "icon", href: ICON },
  { rel: "stylesheet", href: styles },
];

/** Pages name themselves (app/i18n/page-title.ts); one that does not is at least "tierpool". */
export const meta: MetaFunction = () => [{ title: "tierpool" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await currentActor(request);
  const acceptLanguage = request.headers.get("Accept-Language");
  const locale = pickLocale(actor?.locale, acceptLanguage);
  // The format region: numbers, money, percentages and dates (decision 058).
  const region = pickRegion(actor ? regionOfUser(actor.id) : null, acceptLanguage, locale);
  return {
    locale,
    region,
    user: actor && {
      name: actor.name,
      email: actor.email,
      role: actor.role,
      unread: unreadCount(actor.id),
    },
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = data?.locale ?? "es";
  const region: Region = data?.region ?? "es-MX";
  const nonce = useNonce();
  return (
    <html lang={locale} data-region={region}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nProvider locale={locale} region={region}>
          {children}
        </I18nProvider>
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
