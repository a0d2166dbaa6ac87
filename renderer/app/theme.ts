import { createTheme, localStorageColorSchemeManager, type MantineColorsTuple } from '@mantine/core';

/** A slightly desaturated blue: calm for a console people stare at all day. */
const nova: MantineColorsTuple = [
  '#eaf3ff',
  '#d5e3fa',
  '#a8c5f0',
  '#78a5e7',
  '#518adf',
  '#3879db',
  '#2a70da',
  '#1c5fc2',
  '#1054ae',
  '#00489a',
];

export const theme = createTheme({
  primaryColor: 'nova',
  colors: { nova },
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  focusRing: 'auto',
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "DejaVu Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, "JetBrains Mono", "Cascadia Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
  headings: { fontWeight: '600' },
  components: {
    Tooltip: { defaultProps: { openDelay: 400, withArrow: true } },
    Badge: { defaultProps: { radius: 'sm' } },
    Modal: { defaultProps: { centered: true, overlayProps: { backgroundOpacity: 0.45, blur: 2 } } },
  },
});

/** Persisted in localStorage; with no stored choice, Mantine follows the OS ("auto"). */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'novacron-color-scheme' });
