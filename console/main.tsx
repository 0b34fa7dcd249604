// The marketer console, served by the endpoint at /console.
import { mountPage } from '../lib/ui/mount.tsx';
import { App } from './App.tsx';
// The sidebar's own styles, so the previews look exactly as reps see them; the console's on top.
import '../lib/ui/theme.css';
import '../entrypoints/sidebar/style.css';
import './style.css';

mountPage(<App />);
