// Bundled in place of @actions/exec and, with it, @actions/io (about 90 KB): @actions/core imports it only for
// core.platform.getDetails(), which the action never calls.
import { notBundled } from './not-bundled.js'

export function getExecOutput() {
  notBundled('@actions/exec')
}
