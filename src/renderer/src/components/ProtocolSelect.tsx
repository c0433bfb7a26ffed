import type { Protocol } from '../../../shared/model'

interface Props {
  value: Protocol
  onChange(protocol: Protocol): void
  name?: string
}

/** The labelled TCP/UDP choice every form shares. */
export function ProtocolSelect({ value, onChange, name }: Props) {
  return (
    <label>
      Protocol
      <select name={name} value={value} onChange={(e) => onChange(e.target.value as Protocol)}>
        <option value="tcp">TCP</option>
        <option value="udp">UDP</option>
      </select>
    </label>
  )
}
