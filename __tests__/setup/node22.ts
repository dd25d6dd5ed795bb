// For the e2e-node22 project (jest.config.js): runCommand (emulator/run-command.ts) runs the command with Node.js 22,
// the binary of the tools/node22 workspace, which npm ci installs.
import { existsSync } from 'node:fs'
import path from 'node:path'

const NODE_22 = path.resolve('tools', 'node22', 'node_modules', '.bin', 'node')
if (!existsSync(NODE_22)) throw new Error(`${NODE_22} is missing: run npm ci`)
process.env.ARCGIS_TEST_COMMAND_NODE = NODE_22
