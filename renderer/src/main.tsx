import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installFerryApi } from './api/ferry-client';
import { App } from './app/App';
import './styles.css';

installFerryApi();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
