import { create } from 'zustand'

export type TabId = 'overview' | 'runtime' | 'sockets' | 'reserved' | 'dynamic' | 'watch' | 'check'

/** The tables whose rows can be selected, and what identifies a row in each. */
export interface Selection {
  /** A runtime reservation's token. */
  runtime?: string
  /** A socket's socketKey. */
  socket?: string
  /** A reserved range's rangeKey (see features/inventory/range-key.ts). */
  reserved?: string
}
export type SelectableTable = keyof Selection

/** Which tab each selectable table lives on. */
export const tabOfTable: Record<SelectableTable, TabId> = {
  runtime: 'runtime',
  socket: 'sockets',
  reserved: 'reserved',
}

interface UiState {
  tab: TabId
  selection: Selection
  /**
   * A row some other part of the page (the port map) asked to show: the table holding it
   * scrolls it into view and focuses it, then clears the request. A table mounted later (its
   * tab not yet visited) finds the request waiting.
   */
  reveal?: { table: SelectableTable; key: string }
}

/**
 * What is shown and selected across features: one store, so the map can switch tabs and
 * select rows in tables it does not own, and a selection survives switching tabs.
 */
export const useUiStore = create<UiState>()(() => ({ tab: 'overview', selection: {} }))

export const showTab = (tab: TabId): void => useUiStore.setState({ tab })

export function selectRow(table: SelectableTable, key: string | undefined): void {
  useUiStore.setState((s) => ({ selection: { ...s.selection, [table]: key } }))
}

/** Switches to the row's tab, selects the row and asks its table to scroll to it. */
export function revealRow(table: SelectableTable, key: string): void {
  useUiStore.setState((s) => ({
    tab: tabOfTable[table],
    selection: { ...s.selection, [table]: key },
    reveal: { table, key },
  }))
}

/** Called by a table once it has shown the requested row. */
export function revealDone(): void {
  useUiStore.setState({ reveal: undefined })
}
