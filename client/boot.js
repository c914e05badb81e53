// Loads the bundle that fits the path: meeting links get the meeting bundle, the feedback form
// and the quick consultation opener the forms bundle, everything else is the coordinator's page. A file of its own (not inline) so the content security policy can
// allow only the server's own scripts.
//
// A meeting page then loads the guard module (the identifier detectors that mark text while it
// is typed): it is fetched beside the app but instantiated after it, so the page is drawn
// first, and handed to the app as `window.pptGuard` with a `ppt-guard-ready` event.
const path = location.pathname;
const meeting = path.startsWith("/m/");
// The feedback form and the quick consultation opener, which professionals reach from a
// meeting link: a small bundle of their own, not the coordinator's page.
const forms = path.startsWith("/feedback/") || path === "/quick" || path === "/quick/";
const bundle = meeting ? "meeting" : forms ? "forms" : "coordinator";
const guardWasm = meeting ? fetch("/guard_bg.wasm") : null;
const { default: init } = await import(`/${bundle}.js`);
await init({ module_or_path: `/${bundle}_bg.wasm` });
if (meeting) {
  const guard = await import("/guard.js");
  await guard.default({ module_or_path: guardWasm });
  window.pptGuard = guard.find;
  window.dispatchEvent(new Event("ppt-guard-ready"));
}
