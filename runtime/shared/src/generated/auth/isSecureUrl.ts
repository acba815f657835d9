const loopbackHosts = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Whether keys or a discovery document may be fetched from the URL: https, or plain http on this machine only. */
export function isSecureUrl(url: URL): boolean {
  return url.protocol === "https:" || (url.protocol === "http:" && loopbackHosts.test(url.hostname));
}
