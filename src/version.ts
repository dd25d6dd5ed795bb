/** The release, as package.json says (a test keeps the two equal; the bundles cannot read package.json). */
export const VERSION = '1.0.0'
