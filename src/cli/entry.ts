/**
 * The bundled CLI's entry (out/cli/portwarden.mjs). bin/portwarden.mjs has already installed the
 * SIGUSR1 guard before loading this file.
 */
import { main } from './index'
import { installPipeHandlers } from './stdio'

installPipeHandlers()
process.exitCode = await main(process.argv.slice(2))
