// `npm run build:cli` (and `prepare`, `npm test`): bundles the command line into out/cli.
import { build } from 'vite'

await build({ configFile: 'vite.cli.config.mts' })
