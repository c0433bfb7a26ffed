import { describe, expect, it } from 'vitest'
import { groupSocketLines } from './compare-lines'

describe('comparison lines grouped by process, consecutive ports merged', () => {
  it('a 100-port block is one line; processes sorted; gaps split runs; odd lines kept', () => {
    const block = Array.from({ length: 100 }, (_, i) => `tcp BOUND [::]:${61000 + i} node`)
    const lines = [
      ...block.reverse(),
      'tcp LISTEN 0.0.0.0:5432 postgres',
      'tcp LISTEN 0.0.0.0:5434 postgres',
      'udp6 UNCONN :::53 dnsmasq',
      'something else',
    ]
    expect(groupSocketLines(lines)).toEqual([
      { process: 'dnsmasq', lines: ['udp6 UNCONN :::53'] },
      { process: 'node', lines: ['tcp BOUND [::]:61000–61099 (100 ports)'] },
      { process: 'postgres', lines: ['tcp LISTEN 0.0.0.0:5432', 'tcp LISTEN 0.0.0.0:5434'] },
      { process: 'other', lines: ['something else'] },
    ])
  })
})
