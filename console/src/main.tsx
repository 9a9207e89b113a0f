// The web console's entry point.
import { render } from 'preact';
import { App } from './ui/App';
// xterm's stylesheet is small; loaded up front because a lazily imported chunk's CSS is not injected.
import '@xterm/xterm/css/xterm.css';
import './styles.css';

render(<App />, document.getElementById('app')!);
