/** The site used when shopper sessions are not required (one store, configured by environment). */
export const DEFAULT_TENANT = 'default';
