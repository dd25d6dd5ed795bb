import { parseServiceRef, type ServiceRef } from '../../src/arcgis/service-ref.js'
import { ServerText } from '../../src/common/server-text.js'

/** A server's text, as the readers hand it on. */
export const text = (raw: string): ServerText => ServerText.of(raw)

/** The service `Folder/Name.Type` or `Name.Type`, as the readers hand it on. */
export function serviceRef(label: string): ServiceRef {
  const ref = parseServiceRef(label)
  if (!ref) throw new Error(`${label} names no service`)
  return ref
}
