import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Boot } from './app/Boot';
import { queryClient } from './lib/core-query';
import { startThemeSync } from './lib/theme';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './app/shell.css';
import './app/overlays.css';

startThemeSync();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <Boot />
      </QueryClientProvider>
    </StrictMode>,
  );
}
