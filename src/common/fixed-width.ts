/** Rows of cells as the lines of a plain-text table: each column as wide as its widest cell, two spaces apart. */
export function fixedWidthLines(rows: readonly (readonly string[])[]): string[] {
  if (rows.length === 0) return []
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)))
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd()
  )
}
