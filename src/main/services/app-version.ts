// The bundlers inline just this one field of package.json: the CLI's --version, the reports'
// generator line and the app's own version all read the same number.
import { version } from '../../../package.json'

export const APP_VERSION: string = version
