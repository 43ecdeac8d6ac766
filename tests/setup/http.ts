// Small HTTP clients for tests: a browser-like session (cookies, Origin) and an API token client.

export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export class ApiClient {
  constructor(
    readonly base: string,
    readonly token?: string,
  ) {}

  async call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Json; headers: Headers }> {
    const headers: Record<string, string> = {};
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.base + path, { method, headers, body: payload });
    const text = await res.text();
    let parsed: Json = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get = (path: string) => this.call("GET", path);
  post = (path: string, body?: unknown) => this.call("POST", path, body);
  put = (path: string, body?: unknown) => this.call("PUT", path, body);
}

export async function apiAs(base: string, email: string, password: string): Promise<ApiClient> {
  const res = await new ApiClient(base).post("/api/v1/tokens", { email, password });
  if (res.status !== 201)
    throw new Error(`token for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return new ApiClient(base, res.body.token);
}

/** A cookie-carrying client that behaves like a browser on this site (sends Origin). */
export class BrowserSession {
  cookie = "";
  /** `language`: the Accept-Language this browser sends (none: fetch's "*"). */
  constructor(
    readonly base: string,
    readonly language?: string,
  ) {}

  async request(
    method: string,
    path: string,
    form?: Record<string, string> | FormData,
    extra: Record<string, string> = {},
  ) {
    const headers: Record<string, string> = { Origin: this.base };
    if (this.language) headers["Accept-Language"] = this.language;
    Object.assign(headers, extra);
    if (this.cookie) headers.Cookie = this.cookie;
    let body: BodyInit | undefined;
    if (form instanceof FormData) body = form;
    else if (form) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(form).toString();
    }
    const res = await fetch(this.base + path, { method, headers, body, redirect: "manual" });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0];
    return res;
  }

  get = (path: string) => this.request("GET", path);
  post = (path: string, form?: Record<string, string> | FormData, extra?: Record<string, string>) =>
    this.request("POST", path, form, extra);

  /** Posts a form and reads the action's own JSON answer (Remix's `_data` request, as fetchers do). */
  async action(
    path: string,
    routeId: string,
    form?: Record<string, string> | FormData,
    extra?: Record<string, string>,
  ) {
    const sep = path.includes("?") ? "&" : "?";
    const res = await this.post(`${path}${sep}_data=${encodeURIComponent(routeId)}`, form, extra);
    const text = await res.text();
    let body: Json = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* keep text */
    }
    return { status: res.status, body, headers: res.headers };
  }

  /** A loader's JSON (Remix's `_data` request). */
  async data(path: string, routeId: string) {
    const sep = path.includes("?") ? "&" : "?";
    const res = await this.get(`${path}${sep}_data=${encodeURIComponent(routeId)}`);
    const text = await res.text();
    let body: Json = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* keep text */
    }
    return { status: res.status, body, headers: res.headers };
  }

  async login(email: string, password: string) {
    const res = await this.post("/login", { email, password });
    if (res.status !== 302) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
    return res;
  }
}
