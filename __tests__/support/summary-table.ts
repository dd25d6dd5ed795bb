// The step summary's tables as text, as a test reads them: @actions/core writes an empty cell as an unclosed `<td>`.

/** The rows of the summary's `index`th table, each a list of cell texts. */
export function tableRows(summary: string, index = 0): string[][] {
  const table = [...summary.matchAll(/<table>([\s\S]*?)<\/table>/g)][index]?.[1] ?? ''
  return rowsOf(table)
}

/** The rows of the first table after the heading `<h4>heading</h4>`. */
export function tableAfter(summary: string, heading: string): string[][] {
  const after = summary.split(`<h4>${heading}</h4>`)[1] ?? ''
  return rowsOf(/<table>([\s\S]*?)<\/table>/.exec(after)?.[1] ?? '')
}

function rowsOf(table: string): string[][] {
  return table
    .split('<tr>')
    .slice(1)
    .map((row) => [...row.matchAll(/<t[dh]>([^<]*)/g)].map((cell) => cell[1]))
}
