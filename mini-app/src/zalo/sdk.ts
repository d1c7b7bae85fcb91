export { followOA, getAccessToken, nativeStorage, openShareSheet } from "zmp-sdk/apis";
