import 'prosemirror-view/style/prosemirror.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { NoTokenScreen } from './components/NoTokenScreen';
import { applyTheme, storedTheme, systemTheme } from './theme';
import { connect } from './transport';

// The theme is applied before the first render so a dark-theme user never sees a white flash.
applyTheme(storedTheme() ?? systemTheme());

const connection = connect();
const root = createRoot(document.getElementById('root')!);
root.render(
  <StrictMode>{connection ? <App connection={connection} /> : <NoTokenScreen />}</StrictMode>,
);
