import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './app/App';

const root = document.getElementById('root');
if (!root) throw new Error('Thiếu phần tử #root trong index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
