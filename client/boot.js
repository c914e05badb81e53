// Loads the bundle that fits the path: meeting links get the meeting bundle, everything else is
// the coordinator's page. A file of its own (not inline) so the content security policy can
// allow only the server's own scripts.
const bundle = location.pathname.startsWith("/m/") ? "meeting" : "coordinator";
const { default: init } = await import(`/${bundle}.js`);
init({ module_or_path: `/${bundle}_bg.wasm` });
