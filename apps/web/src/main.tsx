// First: styles that libraries create by script must carry the page's CSP nonce (see cspNonce.ts).
import { trustScriptStyles } from './app/cspNonce';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './app/App';

trustScriptStyles();

const root = document.getElementById('root');
if (!root) throw new Error('Thiếu phần tử #root trong index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
