import { describe, expect, it } from "vitest";
import { buildLexicon, canonicalTokens } from "./message-tokens";

const lexicon = buildLexicon([
  "chi so",
  "dang ky",
  "huy",
  "smart",
  "haiduong",
  "thong",
  "truong",
  "nhan",
  "tin",
  "ho so",
  "ho",
  "an",
]);
const tokens = (text: string) => canonicalTokens(text, lexicon).join(" ");

describe("canonicalTokens", () => {
  it.each([
    ["Chỉ Số!!", "chi so"],
    ["chir so", "chi so"],
    ["ddawng kys", "dang ky"],
    ["chiso", "chi so"],
    ["huydk", "huy dang ky"],
    ["đăng kí", "dang ky"],
    ["smrat haiduog", "smart haiduong"],
    ["thogn", "thong"],
    // taken as typed: a known word, a short word, an ambiguous or distant slip, a word too short to split
    ["truong", "truong"],
    ["smat", "smat"],
    ["asdfgh", "asdfgh"],
    ["hoan", "hoan"],
    ["chaooo", "chao"],
    ["45.929", "45 929"],
  ])("%s → %s", (text, expected) => {
    expect(tokens(text)).toBe(expected);
  });
});
