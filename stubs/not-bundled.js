// What a module left out of dist/ does when it is reached after all: fail loudly, never stand in for it quietly.
export function notBundled(what) {
  throw new Error(
    `${what} was left out of this bundle (see stubs/ and "paths" in tsconfig.json), yet something called it: this is a bug in arcgis-k8s-restart, please report it.`
  )
}
