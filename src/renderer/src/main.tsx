import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
// The base sheet first: feature sheets, imported by their components, build on it.
import './styles.css'
import { App } from './App'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
