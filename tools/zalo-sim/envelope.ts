/**
 * Zalo's wire conventions: OA endpoints always answer HTTP 200, success as
 * `{ data, error: 0, message: "Success" }` and failure as `{ error: <negative>, message }`.
 * Messages follow ZALO-PLATFORM D; where the docs are silent the choice is noted.
 */
export const ZaloCode = {
  RATE_LIMITED: -32,
  ATTACHMENT_EXPIRED: -100,
  INVALID_PARAM: -201,
  EXCEEDS_LIMIT: -210,
  API_NOT_REGISTERED: -212,
  NOT_FOLLOWER: -213,
  ARTICLE_PROCESSING: -214,
  TOKEN_INVALID: -216,
  TOKEN_EXPIRED: -220,
  OA_NOT_VERIFIED: -221,
  API_NOT_AUTHORIZED: -223,
  PACKAGE_REQUIRED: -224,
  OUTSIDE_CS_WINDOW: -230,
  MESSAGE_TYPE_INVALID: -233,
  NIGHT_WINDOW: -234,
  MESSAGE_V2_SHUT_DOWN: -240,
  INVALID_APPSECRET_PROOF: -242,
  NO_CLOUD_ACCOUNT: -320,
  CLOUD_ACCOUNT_EMPTY: -321,
} as const;

export const ZaloMessage = {
  rateLimited: "Your application reached limit call api",
  attachmentExpired: "attachment_id was expired",
  exceedsLimit: "Parameter exceeds allowable limit",
  notFollower: "User has not followed OA",
  articleProcessing: "Article is being processed",
  tokenInvalid: "Access token is invalid",
  tokenExpired: "access_token is expired or removed",
  messageTypeInvalid: "Message type is invalid or not supported",
  messageV2ShutDown: "MessageV2 API has been shut down, switch to MessageV3",
  invalidAppsecretProof: "Invalid appsecret_proof",
  apiNotRegistered: "App has not registered this api",
  apiNotAuthorized: "OA has not authorized this API",
  oaNotVerified: "OA needs to be verified",
  packageRequired: "OA needs to upgrade OA tier package",
  // ZALO-PLATFORM D gives only their meaning; the wording is the simulator's.
  noCloudAccount: "This message requires a Zalo Cloud Account linked to the OA",
  cloudAccountEmpty: "The Zalo Cloud Account does not have enough balance",
  outsideCsWindow: (days: number) => `User has not interacted with the OA in the past ${days} days`,
  nightWindow: (startHour: number, endHour: number) =>
    `This message cannot be sent at night (${clock12(startHour)} - ${clock12(endHour)})`,
} as const;

/** 22 → "10:00PM", 6 → "6:00AM": the format of Zalo's -234 message. */
function clock12(hour: number): string {
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return `${h}:00${hour < 12 ? "AM" : "PM"}`;
}

export interface ZaloSuccess<T> {
  data: T;
  error: 0;
  message: "Success";
}

export interface ZaloFailure {
  error: number;
  message: string;
}

export function ok<T>(data: T): ZaloSuccess<T> {
  return { data, error: 0, message: "Success" };
}

/** Thrown by OA handlers; the route wrapper turns it into an HTTP-200 failure envelope. */
export class ZaloApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }

  toBody(): ZaloFailure {
    return { error: this.code, message: this.message };
  }
}

/** Zalo's generic -201 wording: "<field> is invalid!". */
export function invalid(field: string): ZaloApiError {
  return new ZaloApiError(ZaloCode.INVALID_PARAM, `${field} is invalid!`);
}

export function exceedsLimit(): ZaloApiError {
  return new ZaloApiError(ZaloCode.EXCEEDS_LIMIT, ZaloMessage.exceedsLimit);
}

/**
 * OAuth host errors (`oauth.zaloapp.com`) use their own -14xxx family with `error_name`/`error_reason`.
 * Only -14002 and -14003 are documented (ZALO-PLATFORM B); the other numbers are the simulator's choice.
 */
export const OAuthCode = {
  INVALID_PARAMETER: -14001,
  INVALID_APP_ID: -14002,
  INVALID_REDIRECT_URI: -14003,
  INVALID_SECRET_KEY: -14014,
  INVALID_CODE_VERIFIER: -14016,
  INVALID_CODE: -14019,
  INVALID_REFRESH_TOKEN: -14020,
} as const;

export interface OAuthFailure {
  error: number;
  error_name: string;
  error_reason: string;
  error_description: string;
}

export class OAuthError extends Error {
  constructor(
    readonly code: number,
    readonly errorName: string,
    readonly reason: string,
  ) {
    super(reason);
  }

  toBody(): OAuthFailure {
    return { error: this.code, error_name: this.errorName, error_reason: this.reason, error_description: this.reason };
  }
}
