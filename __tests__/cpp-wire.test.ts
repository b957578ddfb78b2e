import { describe, expect, it } from '@jest/globals'
import { readSteps } from '../src/marketplace/cpp/wire.js'
import { cppLocationTarget } from '../src/model/locations.js'

describe('CPP step messages', () => {
  it('shows the newest message of the highest level: an error beats information at the same instant', () => {
    const [step] = readSteps([
      {
        stepName: 'Certification',
        status: 'Blocked',
        messages: [
          { messageHtml: 'Started.', level: 'information', timestamp: '2024-01-01T00:00:00Z' },
          { messageHtml: '<b>Policy</b> 100.1 failed', level: 'error', timestamp: '2024-01-01T00:05:00Z' },
          { messageHtml: 'Step blocked.', level: 'information', timestamp: '2024-01-01T00:05:00Z' },
          { messageHtml: 'Later note.', level: 'Information', timestamp: '2024-01-01T00:09:00Z' }
        ]
      }
    ])
    expect(step.message).toBe('Policy 100.1 failed')
  })

  it('prefers a warning to information, and the newer of two errors', () => {
    const at = (m: string, level: string, t: string) => ({ messageHtml: m, level, timestamp: t })
    expect(
      readSteps([
        { messages: [at('w', 'warning', '2024-01-01T00:00:00Z'), at('i', 'information', '2024-01-02T00:00:00Z')] }
      ])[0].message
    ).toBe('w')
    expect(
      readSteps([
        { messages: [at('e2', 'error', '2024-01-02T00:00:00Z'), at('e1', 'error', '2024-01-01T00:00:00Z')] }
      ])[0].message
    ).toBe('e2')
    expect(readSteps([{ messages: ['old', 'new'] }])[0].message).toBe('new')
  })
})

describe('the offer a CPP location names', () => {
  it.each([
    ['https://x/api/publishers/contoso/offers/contoso-offer/operations/1', 'contoso', 'contoso-offer'],
    ['https://x/api/operations/contoso%24contoso-offer%242%24preview', 'contoso', 'contoso-offer'],
    ['https://x/proxy/api/operations/contoso$contoso-offer$2$preview', 'contoso', 'contoso-offer']
  ])('%s', (url, publisherId, offerId) => {
    expect(cppLocationTarget(new URL(url))).toEqual({ publisherId, offerId })
  })

  it('names none for other paths', () => {
    expect(cppLocationTarget(new URL('https://x/56615b67-2185-49fe-80d2-c4ddf77bb2e8'))).toBeUndefined()
  })
})
