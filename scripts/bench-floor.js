// The floor for the cold-start benchmark: a bundle of only the toolkit packages the action is built on.
import * as core from '@actions/core'
import { HttpClient } from '@actions/http-client'

core.info(`${HttpClient.name} loaded`)
