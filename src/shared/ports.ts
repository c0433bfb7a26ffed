/** Highest TCP/UDP port number. Its own module, free of zod, so the renderer can import it. */
export const MAX_PORT = 65535
