// Bundled in place of undici (about 930 KB): @actions/http-client imports ProxyAgent at the top of its module, but
// builds one only in getAgentDispatcher(), for callers that bring their own fetch. The action's requests go through
// HttpClient.request(), whose proxy path is tunnel's CONNECT agent.
import { notBundled } from './not-bundled.js'

export class ProxyAgent {
  constructor() {
    notBundled("undici's ProxyAgent")
  }
}
