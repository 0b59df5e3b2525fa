// The offline app shell: an empty client-rendered page the service worker precaches and serves
// for any navigation it has no copy of; the client router then renders the requested route.
export const ssr = false;
export const prerender = false;
