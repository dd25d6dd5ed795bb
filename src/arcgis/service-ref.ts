import { ServerText } from '../common/server-text.js'

/**
 * A GIS service named as `Folder/Name.Type` or `Name.Type` (root folder). Its parts are ServerText: a listing's
 * services are named by the server, and the user's are echoed back.
 */
export interface ServiceRef {
  folder?: ServerText
  name: ServerText
  type: ServerText
  /** As the user wrote it (or the listing named it), for messages and the `service` field of the results. */
  label: ServerText
}

const SERVICE = /^(?:([A-Za-z0-9_-]+)\/)?([A-Za-z0-9_-]+)\.([A-Za-z]+Server)$/

/** `Folder/Name.Type` or `Name.Type`, or undefined when `label` is neither. */
export function parseServiceRef(label: string): ServiceRef | undefined {
  const match = SERVICE.exec(label)
  if (!match) return undefined
  const [, folder, name, type] = match
  return {
    folder: folder === undefined ? undefined : ServerText.of(folder),
    name: ServerText.of(name),
    type: ServerText.of(type),
    label: ServerText.of(label)
  }
}

/** `Folder/Name.Type`, or `Name.Type` in the root folder. */
export function serviceLabel(
  folder: ServerText | undefined,
  name: ServerText,
  type: ServerText
): ServerText {
  return ServerText.of(`${folder ? `${folder.raw}/` : ''}${name.raw}.${type.raw}`)
}
