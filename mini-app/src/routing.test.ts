import { describe, expect, it } from "vitest";
import { appLink, locateApp, paths, zaloHistoryApplies } from "./routing";

describe("locateApp", () => {
  it("reads the page under the bot server's preview path", () => {
    expect(locateApp("/app", "/app")).toEqual({ base: "/app", path: "/" });
    expect(locateApp("/app/", "/app")).toEqual({ base: "/app", path: "/" });
    expect(locateApp("/app/index.html", "/app")).toEqual({ base: "/app", path: "/" });
    expect(locateApp("/app/indicators/smart_hd%2Einstalls", "/app")).toEqual({
      base: "/app",
      path: "/indicators/smart_hd%2Einstalls",
    });
    expect(locateApp("/app/groups/vbdlis/", "/app/")).toEqual({ base: "/app", path: "/groups/vbdlis" });
  });

  it("reads the page under Zalo's /zapps/<APP_ID>", () => {
    expect(locateApp("/zapps/4318", "/app")).toEqual({ base: "/zapps/4318", path: "/" });
    expect(locateApp("/zapps/4318/news/ban-tin", "/app")).toEqual({ base: "/zapps/4318", path: "/news/ban-tin" });
  });

  it("takes the whole path at the origin's root (the dev server), without confusing /application with /app", () => {
    expect(locateApp("/", "/app")).toEqual({ base: "", path: "/" });
    expect(locateApp("/news", "/app")).toEqual({ base: "", path: "/news" });
    expect(locateApp("/application", "/app")).toEqual({ base: "", path: "/application" });
  });
});

describe("paths", () => {
  it("percent-encodes dots so a static server does not take an indicator for a file", () => {
    expect(paths.indicator("smart_hd.installs")).toBe("/indicators/smart_hd%2Einstalls");
    expect(paths.group("vbdlis")).toBe("/groups/vbdlis");
    expect(paths.post("ban tin/1")).toBe("/news/ban%20tin%2F1");
  });

  it("builds absolute links for sharing outside Zalo", () => {
    expect(appLink("https://cds.example.vn", "/app", paths.news)).toBe("https://cds.example.vn/app/news");
  });
});

describe("zaloHistoryApplies", () => {
  it("holds only under /zapps/<APP_ID> with Zalo's APP_ID set", () => {
    expect(zaloHistoryApplies({ base: "/zapps/4318", path: "/" }, "4318")).toBe(true);
    expect(zaloHistoryApplies({ base: "/zapps/4318", path: "/" }, undefined)).toBe(false);
    expect(zaloHistoryApplies({ base: "/zapps/4318", path: "/" }, "999")).toBe(false);
    expect(zaloHistoryApplies({ base: "/app", path: "/" }, "4318")).toBe(false);
  });
});
