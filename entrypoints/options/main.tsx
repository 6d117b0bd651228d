import { render } from 'preact';

// PLACEHOLDER (scaffold): the real options page comes with issue 6.
render(<h1>Claimlight options</h1>, document.getElementById('app') as HTMLElement);
