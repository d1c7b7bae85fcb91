import http from "node:http";
import https from "node:https";
import axios, { type AxiosInstance } from "axios";

/**
 * One axios instance per Zalo host: keep-alive sockets (a fan-out makes thousands of calls), a hard
 * timeout, bodies kept as text so ids are parsed by parseJsonKeepingBigIntegers, never as numbers.
 */
export function createTransport(baseURL: string, timeoutMs: number): AxiosInstance {
  return axios.create({
    baseURL,
    timeout: timeoutMs,
    httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
    httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 64 }),
    responseType: "text",
    transformResponse: [(data: unknown) => data],
    // Zalo reports errors in the body of an HTTP 200; anything else is a transport fault.
    validateStatus: () => true,
    maxRedirects: 0,
  });
}
