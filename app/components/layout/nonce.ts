// The nonce of this server render, for the inline scripts Remix writes (Scripts, ScrollRestoration):
// the page's Content-Security-Policy lets only scripts carrying it run. In the browser it is
// empty, as browsers hide a nonce from the page once the document has loaded.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);

export const useNonce = () => useContext(NonceContext);
