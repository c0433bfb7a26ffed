import { z } from 'zod'
import { MAX_PORT, Port, Protocol } from '../../../shared/model'
import { AddressFamily } from '../../../shared/sockets'

/** netsh keeps separate excluded and dynamic ranges for IPv4 and IPv6. */
export const IpFamily = AddressFamily
export type IpFamily = AddressFamily

/**
 * A block of ports Windows refuses to let ordinary programs bind (WSAEACCES), as listed by
 * `netsh interface ipv4|ipv6 show excludedportrange`. Both ends are inclusive.
 */
export const ExcludedRange = z
  .strictObject({
    protocol: Protocol,
    family: IpFamily,
    startPort: Port,
    endPort: Port,
    /**
     * netsh marks the range with `*`: a persistent exclusion someone added on purpose
     * (`netsh add excludedportrange`, an installer), not a block WinNAT/Hyper-V took at boot.
     */
    administered: z.boolean(),
  })
  .refine((r) => r.startPort <= r.endPort, {
    message: 'The start port must not be after the end port',
    path: ['endPort'],
  })
export type ExcludedRange = z.infer<typeof ExcludedRange>

/**
 * The ephemeral (dynamic) port range Windows hands out for outgoing connections and port-0
 * binds, as shown by `netsh interface ipv4|ipv6 show dynamicport tcp|udp`.
 */
export const DynamicRange = z
  .strictObject({
    protocol: Protocol,
    family: IpFamily,
    startPort: Port,
    count: z
      .number({ error: 'The number of ports must be a number' })
      .int('The number of ports must be a whole number')
      .min(1, 'The dynamic range holds at least 1 port')
      .max(MAX_PORT, `The dynamic range holds at most ${MAX_PORT} ports`),
  })
  .refine((r) => r.startPort + r.count - 1 <= MAX_PORT, {
    message: `The dynamic range runs past port ${MAX_PORT}: start + count − 1 must be at most ${MAX_PORT}`,
    path: ['count'],
  })
export type DynamicRange = z.infer<typeof DynamicRange>
