import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address, from the socket (server.js). */
    ip?: string;
  }
}
