export function findElectronBinary():
  { path: string; missing?: undefined } | { path?: undefined; missing: string }
