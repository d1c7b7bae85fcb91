import { describe, expect, it } from "vitest";
import { foldForMatch, normalizeText, stripDiacritics } from "./normalize";

describe("normalizeText", () => {
  it("brings decomposed Vietnamese to the precomposed form", () => {
    const decomposed = "Hải Dương".normalize("NFD");
    expect(decomposed).not.toBe("Hải Dương");
    expect(normalizeText(decomposed)).toBe("Hải Dương");
  });
});

describe("stripDiacritics", () => {
  it.each([
    ["Hải Dương", "Hai Duong"],
    ["Đài Phát thanh và Truyền hình", "Dai Phat thanh va Truyen hinh"],
    ["đường", "duong"],
    ["ĐỒNG", "DONG"],
    ["Tỷ lệ hồ sơ nộp trực tuyến", "Ty le ho so nop truc tuyen"],
    ["Ủy ban nhân dân", "Uy ban nhan dan"],
    ["Smart-HaiDuong 45.929", "Smart-HaiDuong 45.929"],
    ["ếỆữỰ", "eEuU"],
  ])("%s → %s", (input, expected) => {
    expect(stripDiacritics(input)).toBe(expected);
    expect(stripDiacritics(input.normalize("NFD"))).toBe(expected);
  });
});

describe("foldForMatch", () => {
  it.each([
    ["Smart-HaiDuong có bao nhiêu  tài khoản?", "smart haiduong co bao nhieu tai khoan"],
    ["  DỊCH VỤ CÔNG\ttrực tuyến!!! ", "dich vu cong truc tuyen"],
    ["An toàn thông tin (ATTT)", "an toan thong tin attt"],
    ["Tuần 5 tháng 8/2024", "tuan 5 thang 8 2024"],
    ["“Chính quyền điện tử”", "chinh quyen dien tu"],
    ["", ""],
    ["...", ""],
  ])("%j → %j", (input, expected) => {
    expect(foldForMatch(input)).toBe(expected);
  });
});
