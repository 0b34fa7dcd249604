// The marketer console, served by the endpoint at /console.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
// The sidebar's own styles, so the previews look exactly as reps see them; the console's on top.
import '../lib/ui/theme.css';
import '../entrypoints/sidebar/style.css';
import './style.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
