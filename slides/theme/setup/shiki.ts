// Code on the slides (Slidev loads <theme>/setup/shiki.ts in the build and in the browser): the site's
// Night Owl pair with every token lifted to 5.5:1 on the site's code backgrounds (src/slides/code-theme.ts),
// and a hanging indent for wrapped lines (src/slides/hanging-indent.ts).
import type { ShikiSetup } from '@slidev/types'
import { bundledThemes } from 'shiki/themes'
import { bookCodeThemes, type CodeTheme } from '../../../src/slides/code-theme.ts'
import { hangingIndent } from '../../../src/slides/hanging-indent.ts'

const setup: ShikiSetup = async () => {
  const [light, dark] = await Promise.all([bundledThemes['night-owl-light'](), bundledThemes['night-owl']()])
  const themes = bookCodeThemes({ light: light.default as CodeTheme, dark: dark.default as CodeTheme })
  return { themes, transformers: [hangingIndent()] }
}

export default setup
