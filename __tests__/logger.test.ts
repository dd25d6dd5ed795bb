import { describe, expect, it, jest } from '@jest/globals'
import { silentLogger } from '../src/logger.js'

describe('silentLogger', () => {
  it('writes nothing and never builds a debug line', () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    const message = jest.fn(() => 'expensive')
    try {
      silentLogger.debug(message)
      silentLogger.info('info')
      silentLogger.warning('warning')
      expect(message).not.toHaveBeenCalled()
      expect(write).not.toHaveBeenCalled()
    } finally {
      write.mockRestore()
    }
  })
})
