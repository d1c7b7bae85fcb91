/**
 * Zalo's broadcast city codes (`recipient.target.cities`), ZALO-PLATFORM A.5, from the official .NET SDK
 * (`TargetBroadcastCities.cs`): the 63 provinces as they were before the 2025 mergers, and 63 for users
 * outside Vietnam. The index is the code. A province merged in 2025 is reached by listing every former
 * province's code (Hải Dương, now part of Hải Phòng: "10,57").
 */
export const ZALO_CITIES = [
  "Đồng Tháp",
  "Bình Phước",
  "Ninh Bình",
  "Bạc Liêu",
  "Hồ Chí Minh",
  "Vĩnh Long",
  "Lâm Đồng",
  "Yên Bái",
  "Hà Nam",
  "Hà Nội",
  "Hải Dương",
  "Hậu Giang",
  "An Giang",
  "Trà Vinh",
  "Tiền Giang",
  "Tây Ninh",
  "Đồng Nai",
  "Đắk Lắk",
  "Bình Định",
  "Kon Tum",
  "Đà Nẵng",
  "Bắc Giang",
  "Bắc Kạn",
  "Điện Biên",
  "Hòa Bình",
  "Thái Bình",
  "Vĩnh Phúc",
  "Hà Giang",
  "Kiên Giang",
  "Bình Dương",
  "Bình Thuận",
  "Đắk Nông",
  "Khánh Hòa",
  "Gia Lai",
  "Quảng Nam",
  "Quảng Trị",
  "Hà Tĩnh",
  "Hưng Yên",
  "Quảng Ninh",
  "Thanh Hóa",
  "Phú Thọ",
  "Lai Châu",
  "Thái Nguyên",
  "Cao Bằng",
  "Cà Mau",
  "Cần Thơ",
  "Sóc Trăng",
  "Bến Tre",
  "Long An",
  "Bà Rịa–Vũng Tàu",
  "Ninh Thuận",
  "Phú Yên",
  "Quảng Ngãi",
  "Thừa Thiên Huế",
  "Quảng Bình",
  "Nghệ An",
  "Nam Định",
  "Hải Phòng",
  "Lạng Sơn",
  "Lào Cai",
  "Sơn La",
  "Bắc Ninh",
  "Tuyên Quang",
  "ngoài Việt Nam",
] as const;

export const ZALO_CITY_CODE_MAX = ZALO_CITIES.length - 1;

/** A code as Zalo spells it: a decimal integer 0–63 without leading zeros. */
export function isZaloCityCode(code: string): boolean {
  return /^(0|[1-9]\d?)$/.test(code) && Number(code) <= ZALO_CITY_CODE_MAX;
}

/** "10" → "Hải Dương"; undefined for a code Zalo does not have. */
export function zaloCityName(code: string): string | undefined {
  return isZaloCityCode(code) ? ZALO_CITIES[Number(code)] : undefined;
}
