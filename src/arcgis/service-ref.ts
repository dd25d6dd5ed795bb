/** A GIS service named as `Folder/Name.Type` or `Name.Type` (root folder). */
export interface ServiceRef {
  folder?: string
  name: string
  type: string
  /** As the user wrote it, for messages and the `service` field of the results. */
  label: string
}

const SERVICE = /^(?:([A-Za-z0-9_-]+)\/)?([A-Za-z0-9_-]+)\.([A-Za-z]+Server)$/

/** `Folder/Name.Type` or `Name.Type`, or undefined when `label` is neither. */
export function parseServiceRef(label: string): ServiceRef | undefined {
  const match = SERVICE.exec(label)
  if (!match) return undefined
  const [, folder, name, type] = match
  return { folder, name, type, label }
}
