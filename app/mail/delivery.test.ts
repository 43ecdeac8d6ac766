import { describe, expect, it } from "vitest";
import { judgeSendError, retryDelayMs } from "./delivery";

describe("judgeSendError", () => {
  it("holds a 5xx reply permanent, with the server's words", () => {
    const error = Object.assign(new Error("Can't send mail"), {
      code: "EENVELOPE",
      responseCode: 550,
      response: "550 5.1.1 No such user",
    });
    expect(judgeSendError(error)).toEqual({ permanent: true, reply: "550 5.1.1 No such user" });
  });

  it("holds a 4xx reply, a refused connection and a refused login temporary", () => {
    expect(judgeSendError({ responseCode: 421, response: "421 Try later" })).toEqual({
      permanent: false,
      reply: "421 Try later",
    });
    expect(
      judgeSendError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNECTION" })),
    ).toEqual({ permanent: false, reply: "ECONNECTION: connect ECONNREFUSED" });
    expect(
      judgeSendError({ code: "EAUTH", responseCode: 535, response: "535 Bad credentials" }),
    ).toEqual({ permanent: false, reply: "535 Bad credentials" });
  });
});

describe("retryDelayMs", () => {
  it("doubles from the base and stops at the cap", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, 1000, 10_000))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    expect(retryDelayMs(0, 500, 10_000)).toBe(500);
    expect(retryDelayMs(500, 500, 3_600_000)).toBe(3_600_000);
  });
});
